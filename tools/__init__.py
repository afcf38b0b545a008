"""Chores of the repository that are not the product (catalog builds, ...)."""

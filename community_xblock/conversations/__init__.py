"""Threads and posts: writing them, reactions, follows and flags, reading pages of them, presenting them to one
viewer, and "new since your last visit"."""

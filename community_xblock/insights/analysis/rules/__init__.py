"""Phrase rules per language: one module each, the same lists in each (see signals.py)."""

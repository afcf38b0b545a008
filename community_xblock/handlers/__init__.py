"""The block's JSON handlers, grouped by audience, and the protocol they all speak (http.py)."""

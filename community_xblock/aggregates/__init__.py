"""Aggregates kept on write, so that reports never scan posts.

``facts.py`` says what a post and a thread count for (the one rule); ``ledger.py`` adds a write's differences in
its own transaction; ``changes.py`` is what the write path calls; ``rebuild.py`` recomputes everything from the
posts, to build a community's aggregates after an upgrade and to verify the ones kept on write. The tables are
in ``models/aggregates.py``.
"""

"""The space's search index: one row per word (and per stem, in the post's language) of each post and of each
thread's title, kept on write. One portable design for SQLite and MariaDB alike: a search walks the index of one
word in post order and stops at a page of matches, so its cost follows the page, not the community."""
from django.db import models

from community_xblock.models.community import Community
from community_xblock.models.conversations import Post

TERM_MAX_LENGTH = 40


class SearchTerm(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.CharField(max_length=TERM_MAX_LENGTH, help_text="Folded: lower case, without accents.")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+",
                             help_text="The post it is in (a thread's title counts as its opening post's).")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "term", "post"], name="search_term_once")]

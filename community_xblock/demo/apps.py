"""The demo as a Django app of its own, installed by the workbench settings only: its command never reaches an
Open edX install, where the package's own app is the only one registered."""
from django.apps import AppConfig


class CommunityDemoConfig(AppConfig):
    name = "community_xblock.demo"
    label = "community_demo"
    verbose_name = "Community XBlock workbench demo"

    def ready(self):
        from community_xblock.demo import celery  # noqa: F401  the Celery app the block's tasks run on

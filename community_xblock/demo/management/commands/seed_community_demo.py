"""``django-admin seed_community_demo``: fill the workbench demo unit's community with conversations."""
from django.core.management.base import BaseCommand

from community_xblock.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Seed the workbench demo unit's community with EN/FR/HU conversations (skipped if already seeded)."

    def handle(self, *args, **options):
        written = seed_demo()
        if written:
            self.stdout.write(f"Seeded the demo community with {written} conversations.")
        else:
            self.stdout.write("The demo community already has conversations; nothing to do.")

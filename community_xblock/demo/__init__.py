"""The SDK workbench demo: a realistic unit with a few components and a community seeded in EN/FR/HU."""

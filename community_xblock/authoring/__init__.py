"""What an author configures: the settings and their rules, Studio's editor and preview, OLX."""

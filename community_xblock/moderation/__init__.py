"""What the course team does to keep a community healthy."""

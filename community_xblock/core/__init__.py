"""What every rule needs: errors with their status, checked input, permissions, the one lookup of a community's
rows, Markdown rendering, the course and alumni phases, and the package's own files."""

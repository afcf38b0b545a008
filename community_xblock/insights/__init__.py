"""What the course team learns: text analysis on write, the evaluation, its charts and exports, the grade."""

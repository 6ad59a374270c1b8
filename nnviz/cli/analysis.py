"""evaluate, boundary, compare, histograms."""
COMMANDS: list = []

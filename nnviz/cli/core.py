"""list, show, check, replay, train, export."""
COMMANDS: list = []

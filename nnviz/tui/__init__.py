"""The Textual step debugger."""

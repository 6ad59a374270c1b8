"""Panels of the Textual app."""

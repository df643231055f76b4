"""Placeholder: replaced by the work on its issue."""

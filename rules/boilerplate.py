"""boilerplate rules."""

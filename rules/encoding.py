"""encoding rules."""

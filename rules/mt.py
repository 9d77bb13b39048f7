"""mt rules."""

"""garbled rules."""

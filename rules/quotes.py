"""quotes rules."""

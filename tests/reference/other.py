"""References: other."""

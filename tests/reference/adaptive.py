"""References: adaptive."""

"""References: exponential."""

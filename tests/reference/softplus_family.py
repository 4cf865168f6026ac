"""References: softplus_family."""

"""References: sigmoidal."""

"""Shape-changing activation layers (Maxout, CReLU)."""

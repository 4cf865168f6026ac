"""Other fixed elementwise functions."""

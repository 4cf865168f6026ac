"""Normalising activation layers (softmin, sparsemax, entmax), with masks."""

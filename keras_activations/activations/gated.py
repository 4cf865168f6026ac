"""Gated activations: the input is split in two halves along an axis, one gates the other."""

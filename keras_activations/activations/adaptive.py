"""Functional forms of the learnable activations (their layers learn the parameters)."""

"""Stochastic activation layers: randomness in training only."""

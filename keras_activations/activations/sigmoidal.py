"""Sigmoid-like squashing functions."""

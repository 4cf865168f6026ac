"""Gated activation layers and the gated feed-forward block."""

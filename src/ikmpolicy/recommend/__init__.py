"""Recommendations (being built)."""

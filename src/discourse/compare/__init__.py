"""Comparison statistics across sources, countries and periods (the framing issue builds on these)."""

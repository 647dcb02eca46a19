"""Framing analysis: cue lexicons, Policy Frames Codebook dimensions and certainty (hedges/boosters)."""

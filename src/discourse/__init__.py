"""discourse: a reproducible text-as-data workflow for framing analysis in international relations."""

__version__ = "0.1.0"

"""The DuckDB store and the run manifest."""

"""Ingest stages: parse documents in shards (with a per-document cache), then collect the tables."""

"""Actor aggregates: mention counts and co-occurrence networks."""

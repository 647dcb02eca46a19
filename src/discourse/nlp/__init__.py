"""NLP stage: spaCy over body paragraphs, with actors resolved from a curated gazetteer."""

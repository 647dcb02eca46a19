"""Segmentation of a document: front matter, body sections and paragraphs, footnotes, references."""

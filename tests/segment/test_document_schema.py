import jsonschema

from discourse.schemas import load_schema
from discourse.segment.document import parse_document


def schema():
    return load_schema("document")


def test_paper_document_matches_schema(paper_document):
    jsonschema.validate(paper_document, schema())


def test_speech_document_matches_schema():
    document = parse_document("ungdc:PAK_40_1985", "Mr. President,\nWe welcome you.\n", {"genre": "un_general_debate"})
    jsonschema.validate(document, schema())
    assert document["structure"] == "speech"
    assert [p["text"] for p in document["paragraphs"]] == ["Mr. President, We welcome you."]

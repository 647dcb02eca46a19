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


def test_control_characters_leave_the_text_and_the_declared_metadata() -> None:
    from discourse.segment.document import parse_document

    document = parse_document("t:x", "Pakistan \u202eand\u202c Russia\x1b[2J met.\n", {
        "title": "A \u202etitle\u202c\x00", "author": "Someone\x1b[31m", "year": 2020})
    assert document["text"] == "Pakistan and Russia met."
    assert document["metadata"]["title"] == "A title" and document["metadata"]["author"] == "Someone"
    assert document["metadata"]["year"] == 2020

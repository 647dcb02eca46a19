import pytest

import discourse.segment.structure as structure
from discourse.corpus.normalize import Link
from discourse.segment.document import parse_document
from discourse.segment.structure import Segment, looks_like_heading, segment_text, split_blocks, split_long_paragraph

EXPECTED_SECTIONS = [
    ("Introduction",),
    ("Historical Context of Russia-Pakistan Relations",),
    ("Historical Context of Russia-Pakistan Relations", "Cold War Period"),
    ("Historical Context of Russia-Pakistan Relations", "Post-Cold War Period"),
    ("The Geopolitical Landscape and Its Impact on Russia-Pakistan Relations",),
    ("The Geopolitical Landscape and Its Impact on Russia-Pakistan Relations", "The South Asian Factor"),
    ("The Geopolitical Landscape and Its Impact on Russia-Pakistan Relations", "The Afghanistan Factor"),
    ("The Geopolitical Landscape and Its Impact on Russia-Pakistan Relations", "The Chinese Factor"),
    ("Thematic Areas of Russia-Pakistan Cooperation",),
    ("Thematic Areas of Russia-Pakistan Cooperation", "Defense and Security"),
    ("Thematic Areas of Russia-Pakistan Cooperation", "Regional Security"),
    ("Thematic Areas of Russia-Pakistan Cooperation", "Economic and Trade Relations"),
    ("Thematic Areas of Russia-Pakistan Cooperation", "Energy Cooperation: Discuss Joint Energy Projects, "
     "Particularly those Related to the North-South Gas Pipeline"),
    ("Challenges and Prospects for Future Cooperation",),
    ("Challenges and Prospects for Future Cooperation", "Challenges"),
    ("Challenges and Prospects for Future Cooperation", "Prospects for Future Cooperation"),
]


def test_paper_sections_have_headings_and_nesting(paper_document):
    paths = [tuple(s["heading_path"]) for s in paper_document["sections"]]
    assert paths == EXPECTED_SECTIONS
    levels = [s["level"] for s in paper_document["sections"]]
    assert levels == [len(p) for p in EXPECTED_SECTIONS]
    by_id = {s["section_id"]: s for s in paper_document["sections"]}
    cold_war = paper_document["sections"][2]
    assert by_id[cold_war["parent_id"]]["heading"] == "Historical Context of Russia-Pakistan Relations"


def test_paper_page_break_fragments_rejoined(paper_document):
    texts = [p["text"] for p in paper_document["paragraphs"]]
    joined = "\n".join(texts)
    # split across a page break, with the footnotes of the first page between the halves
    assert "multifaceted nature of Russia-Pakistan relations, focused on" in joined
    assert "challenges in deepening their relations and identifies potential avenues" in joined
    assert "fighting against the Soviet occupation of Afghanistan through Pakistan." in joined
    assert "provided incentives for Russia and Pakistan to find areas of convergence" in joined
    assert "The North-South gas pipeline project offers mutual benefits" in joined
    # a fragment is never taken for a heading
    headings = [s["heading"] for s in paper_document["sections"]]
    assert not any(h.startswith("Furthermore") for h in headings)
    # every paragraph ends a sentence
    assert all(t.rstrip()[-1] in ".:)" for t in texts)


def test_paper_list_item_continued_after_page_break(paper_document):
    items = [p for p in paper_document["paragraphs"] if p["kind"] == "list_item"]
    assert len(items) == 8
    economic = next(p for p in items if p["text"].startswith("Economic Constraints:"))
    assert economic["text"].endswith("unlock the full potential of economic cooperation (Takar, 2022).")


def test_paper_front_matter_footnotes_references_not_in_body(paper_document):
    body = "\n".join(p["text"] for p in paper_document["paragraphs"])
    assert "Sahera Khatoon" not in body
    assert "PhD Scholar" not in body
    assert "Abstract" not in body and "Key Words" not in body
    assert "Abbasi, A. (2020)" not in body
    front = {(f["kind"], f["label"]): f["text"] for f in paper_document["front_matter"]}
    assert front[("field", "doi")] == "10.31703/gfpr.2023(VI-I).05"
    assert front[("field", "keywords")].startswith("Regional Cooperation, Geo-Political")
    assert front[("author", "*")] == "Sahera Khatoon"
    assert [f["marker"] for f in paper_document["footnotes"]] == ["*", "†", "‡"]
    assert paper_document["paragraphs"][0]["text"].startswith("Russia and Pakistan, two significant actors")
    assert paper_document["paragraphs"][-1]["text"].startswith("In summary, while there are challenges")


def test_offsets_point_into_document_text(paper_document):
    text = paper_document["text"]
    for kind in ("paragraphs", "footnotes", "references", "citations", "front_matter", "links"):
        for item in paper_document[kind]:
            assert text[item["start"]:item["end"]] == item["text"], (kind, item)


def test_heading_shape():
    assert looks_like_heading("The Afghanistan Factor")
    assert looks_like_heading("Energy Cooperation: Discuss Joint Energy Projects, Particularly those Related")
    assert not looks_like_heading("Furthermore, China's involvement in the region has provided incentives for")
    assert not looks_like_heading("This is a sentence.")
    assert not looks_like_heading("Relations between the United States and")


def test_speech_structure_has_no_headings_and_rejoins_wrapped_lines():
    text = ("Mr. President,\nAt the United Nations Conference on Sustainable\nDevelopment we agreed.\n"
            "### Page 3 (continued):\nThe Kashmir Dispute\nremains unresolved.")
    segments = segment_text(text, structure="speech")
    assert all(s.kind == "paragraph" for s in segments)
    assert [s.text for s in segments] == [
        "Mr. President, At the United Nations Conference on Sustainable Development we agreed.",
        "The Kashmir Dispute remains unresolved."]


def test_markdown_headings_and_lists_in_split_blocks():
    blocks = split_blocks("# Title\n\nIntro text.\n\n## Part\n- one\n- two\n\n3\n\nEnd.")
    assert [(b.kind, b.level) for b in blocks] == [("heading", 1), ("paragraph", None), ("heading", 2),
                                                   ("list_item", None), ("list_item", None), ("paragraph", None)]


@pytest.mark.parametrize("text", [("word " * 12 + "\n") * 1500, "inter-\n" * 5000],
                         ids=["unpunctuated lines", "hyphenated lines"])
def test_segmenting_lines_without_blank_lines_reads_each_character_a_bounded_number_of_times(text, monkeypatch):
    # Lines that never end a sentence are all one page-broken paragraph; rejoining them used to re-join and
    # re-read the whole paragraph at every line (47 s at 200 KB). Counted in characters read, not timed.
    read = []
    join_lines, plain = structure.join_lines, structure._plain
    monkeypatch.setattr(structure, "join_lines", lambda lines: read.append(sum(map(len, lines))) or join_lines(lines))
    monkeypatch.setattr(structure, "_plain", lambda t: read.append(len(t)) or plain(t))
    segments = segment_text(text, structure="speech")
    assert len(segments) == 1
    assert sum(read) < 20 * len(text)


def test_long_paragraph_split_at_sentence_ends_within_the_limit():
    sentence = "Pakistan and Russia signed an agreement on energy. "
    text = sentence * 300  # 15,300 characters, no paragraph break
    document = parse_document("t:long", text, {"genre": "speech"}, max_paragraph_chars=2000)
    texts = [p["text"] for p in document["paragraphs"]]
    assert len(texts) == 8 and all(len(t) <= 2000 for t in texts)
    assert all(t.endswith("energy.") and t.startswith("Pakistan") for t in texts)
    assert " ".join(texts) == text.strip()
    for paragraph in document["paragraphs"]:  # offsets still point at the text
        assert document["text"][paragraph["start"]:paragraph["end"]] == paragraph["text"]


def test_long_paragraph_without_sentences_split_at_clauses_spaces_or_the_limit():
    clauses = split_long_paragraph(Segment("body", "paragraph", "one, two, three, four"), 12)
    assert [s.text for s in clauses] == ["one, two,", "three, four"]
    words = split_long_paragraph(Segment("body", "paragraph", "alpha beta gamma delta"), 12)
    assert [s.text for s in words] == ["alpha beta", "gamma delta"]
    token = split_long_paragraph(Segment("body", "paragraph", "x" * 25), 10)
    assert [len(s.text) for s in token] == [10, 10, 5]


def test_long_paragraph_links_go_with_their_piece():
    segment = Segment("body", "paragraph", "See the charter. Read the treaty.",
                      links=[Link("charter", "https://un.org", 8, 15), Link("treaty", "https://t.org", 26, 32)])
    first, second = split_long_paragraph(segment, 20)
    assert first.text == "See the charter." and first.links == [Link("charter", "https://un.org", 8, 15)]
    assert second.text == "Read the treaty." and second.links == [Link("treaty", "https://t.org", 9, 15)]
    assert second.text[9:15] == "treaty"


def test_a_text_past_spacys_length_limit_parses_into_paragraphs_under_it():
    text = "Pakistan and Russia met in Moscow and agreed to meet again " * 20_000  # 1.2 M characters, no break
    paragraphs = parse_document("t:huge", text, {"genre": "speech"})["paragraphs"]
    assert len(paragraphs) == 12
    assert max(len(p["text"]) for p in paragraphs) <= structure.DEFAULT_MAX_PARAGRAPH_CHARS < 1_000_000

from discourse.segment.citations import Citation, match_citation, parse_citations, parse_reference


def test_parenthetical_citation_forms():
    cites = parse_citations("A (Gul, 2018). B (Chia & Haiqi, 2021; Smith et al., 2020, p. 5). C (Syed, 2014).")
    assert [(c.surnames, c.year, c.et_al) for c in cites] == [
        (("Gul",), "2018", False), (("Chia", "Haiqi"), "2021", False), (("Smith",), "2020", True),
        (("Syed",), "2014", False)]
    text = "A (Gul, 2018). B (Chia & Haiqi, 2021; Smith et al., 2020, p. 5). C (Syed, 2014)."
    assert all(text[c.start:c.end] == c.text for c in cites)


def test_narrative_citation_and_non_citations():
    cites = parse_citations("Mohan (2021) argues so, as in 1979 (a crucial year) and (see below).")
    assert [(c.text, c.style) for c in cites] == [("Mohan (2021)", "narrative")]


def test_parse_reference_fields():
    ref = parse_reference("Baxter, C., & Jalal, A. (1997). Democracy and authoritarianism in South Asia: A comparative "
                          "and historical perspective. The American Historical Review, 102(3), 874. "
                          "https://doi.org/10.2307/2171636")
    assert ref.surnames == ("Baxter", "Jalal")
    assert ref.year == "1997"
    assert ref.title.startswith("Democracy and authoritarianism")
    assert ref.venue == "The American Historical Review"
    assert ref.doi == "10.2307/2171636"


def test_matching_needs_first_author_and_year():
    refs = [parse_reference("Rashid, A., & Tahir, T. (2021). X. J, 1."),
            parse_reference("Rashid, A., Khan, A. Y., & Azim, S. W. (2021). Y. J, 2.")]
    two = Citation("Rashid & Tahir, 2021", ("Rashid", "Tahir"), False, "2021", "parenthetical", 0, 0)
    many = Citation("Rashid et al., 2021", ("Rashid",), True, "2021", "parenthetical", 0, 0)
    wrong_year = Citation("Rashid & Tahir, 2020", ("Rashid", "Tahir"), False, "2020", "parenthetical", 0, 0)
    assert match_citation(two, refs) == [0]
    assert match_citation(many, refs) == [1]
    assert match_citation(wrong_year, refs) == []


def test_paper_citations_parsed_and_linked(paper_document):
    cites = paper_document["citations"]
    texts = {c["text"] for c in cites}
    assert {"Gul, 2018", "Chia & Haiqi, 2021", "Syed, 2014", "Khan, 2019", "Paracha, 2015"} <= texts
    gul = next(c for c in cites if c["text"] == "Gul, 2018")
    assert gul["link_url"] == "#"  # from [Gul, 2018](#); the syntax itself is gone from the text
    refs = {r["reference_id"]: r for r in paper_document["references"]}
    assert refs[gul["reference_id"]]["key"] == "Gul, 2018"
    plain = next(c for c in cites if c["text"] == "Syed, 2014" and c["link_url"] is None)
    assert plain["reference_id"] is not None
    paragraph_ids = {p["paragraph_id"] for p in paper_document["paragraphs"]}
    assert all(c["paragraph_id"] in paragraph_ids for c in cites)


def test_paper_every_reference_parsed(paper_document):
    refs = paper_document["references"]
    assert len(refs) == 22
    for ref in refs:
        assert ref["surnames"] and ref["year"] and ref["title"], ref
    siddiqi = next(r for r in refs if r["surnames"] == ["Siddiqi"])
    assert siddiqi["text"].endswith("https://www.isas.nus.edu.sg/papers/pakistan-russia-moving-forward-to-better-ties/")
    assert "(ISAS)" in siddiqi["text"]  # the entry continued over a page break is one reference
    dois = {r["key"]: r["doi"] for r in refs}
    assert dois["Abbasi, 2020"] == "10.31945/iprij.200201"


def test_paper_citation_integrity(paper_document):
    rows = paper_document["citation_integrity"]
    unmatched = {r["cited_as"]: r for r in rows if r["issue"] == "citation_without_reference"}
    assert set(unmatched) == {"Jalal, 1997", "Siddiq, 2021"}
    refs = {r["reference_id"]: r for r in paper_document["references"]}
    assert refs[unmatched["Jalal, 1997"]["suggested_reference_id"]]["key"] == "Baxter & Jalal, 1997"
    assert refs[unmatched["Siddiq, 2021"]["suggested_reference_id"]]["key"] == "Siddiqi, 2021"
    never_cited = {r["reference_key"] for r in rows if r["issue"] == "reference_never_cited"}
    assert never_cited == {"Bajwa, 2018", "Baxter & Jalal, 1997", "Jahangir, 2013", "Rashid et al., 2021",
                           "Topychkanov, 2014"}

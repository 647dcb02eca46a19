import unicodedata

from discourse.corpus.normalize import join_lines, normalize_text, strip_inline_markdown


def test_normalize_text_composes_unicode_and_unifies_line_ends():
    decomposed = unicodedata.normalize("NFD", "Café\r\nna\u00adtion\fnext\u00a0word")
    text = normalize_text(decomposed)
    assert text == "Café\nnation\n\nnext word"
    assert unicodedata.is_normalized("NFC", text)


def test_join_lines_drops_hyphen_of_split_word_and_keeps_compound_hyphen():
    assert join_lines(["inter-", "national law"]) == "international law"
    assert join_lines(["Russia-", "Pakistan relations"]) == "Russia-Pakistan relations"
    assert join_lines(["the North-", "South pipeline"]) == "the North-South pipeline"
    assert join_lines(["two", "lines"]) == "two lines"


def test_markdown_links_removed_from_text_but_kept_as_data():
    text, links = strip_inline_markdown("as argued ([Gul, 2018](#)) and [DOI](https://doi.org/10.1/x(1)).")
    assert text == "as argued (Gul, 2018) and DOI."
    assert [(l.text, l.url) for l in links] == [("Gul, 2018", "#"), ("DOI", "https://doi.org/10.1/x(1)")]
    assert text[links[0].start:links[0].end] == "Gul, 2018"


def test_markdown_emphasis_escapes_and_autolinks_removed():
    text, _ = strip_inline_markdown(r"**Bold:** *Journal*, 2023\(VI\) <https://a.org/x>")
    assert text == "Bold: Journal, 2023(VI) https://a.org/x"


def test_control_characters_escape_sequences_and_bidi_controls_are_removed() -> None:
    from discourse.corpus.normalize import remove_controls

    raw = "Pakistan \x1b[31mred\x1b[0m \x1b]0;title\x07and \u202eRussia\u202c\u2066 met\u2069\x85 in\x7f Moscow.\tA\nB"
    assert remove_controls(raw) == "Pakistan red and Russia met in Moscow.\tA\nB"
    assert normalize_text("a\u200fb\x0bc") == "abc"

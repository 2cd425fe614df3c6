"""Search snippets: an excerpt around the first match, matched words marked, cut cleanly."""

import re

from assistant.snippets import snippet


def test_the_excerpt_starts_near_the_first_match_and_marks_it():
    text = "Intro words that say nothing much. " * 4 + "Your payment failed because of a limit."
    result = snippet(text, ["payment"], width=80)
    assert result.startswith("…") and "<mark>payment</mark>" in result


def test_the_excerpt_never_ends_inside_a_marked_word():
    text = "Shops and payment terminals take cash. " * 5
    result = snippet(text, ["payment"], width=50)
    assert set(re.findall(r"<mark>(.*?)</mark>", result)) == {"payment"}
    assert result.endswith("…")


def test_the_excerpt_ends_on_a_whole_word():
    text = "Check the balance in the carrier app before you renew the plan online. " * 3
    result = snippet(text, ["balance"], width=60)  # 60 characters end in "the pl|an"
    assert result.endswith("renew the…")


def test_text_and_terms_are_escaped():
    result = snippet("<b>payment</b> & more", ["payment"])
    assert result == "&lt;b&gt;<mark>payment</mark>&lt;/b&gt; &amp; more"

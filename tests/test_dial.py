"""Tap to dial: USSD codes and carrier short numbers in answers become tel: links, nothing else."""

import pytest

from simhelp.dial import dial_code_valid
from simhelp.markdown import markdown_to_html, markdown_to_text

BALANCE = '<a href="tel:*100%23" class="dial" data-dial="*100#" rel="noopener noreferrer">*100#</a>'


def test_a_ussd_code_becomes_a_tel_link_with_hash_escaped_and_its_text_unchanged():
    html = markdown_to_html("On MTS and MegaFon, *100# shows the balance.")
    assert html == f"<p>On MTS and MegaFon, {BALANCE} shows the balance.</p>\n"
    assert (
        markdown_to_text("On MTS, *100# shows the balance.") == "On MTS, *100# shows the balance."
    )


@pytest.mark.parametrize(
    ("written", "code", "href"),
    [
        ("用这张卡拨 *102# 就能查", "*102#", "tel:*102%23"),
        ("拨*100#查询", "*100#", "tel:*100%23"),  # Chinese writes no spaces around it
        (r"Dial \*111\*1# (escaped, so not emphasis)", "*111*1#", "tel:*111*1%23"),
        ("Or #100#.", "#100#", "tel:%23100%23"),
        ("In a code span: `*100#`", "*100#", "tel:*100%23"),
    ],
)
def test_every_form_of_ussd_code_is_linked(written, code, href):
    html = markdown_to_html(written)
    assert f'href="{href}" class="dial" data-dial="{code}"' in html
    assert html.count("<a ") == 1


def test_the_carriers_short_numbers_are_linked_as_whole_tokens_in_every_language():
    english = markdown_to_html("MTS 0890, MegaFon 0500, Beeline 0611, T2 (Tele2) 611.")
    chinese = markdown_to_html("MTS拨0890，MegaFon拨0500，Beeline拨0611，T2（Tele2）拨611。")
    for html in (english, chinese):
        for number in ("0890", "0500", "0611", "611"):
            assert f'<a href="tel:{number}" class="dial" data-dial="{number}"' in html
        assert html.count("<a ") == 4


@pytest.mark.parametrize(
    "written",
    [
        "The plan costs 100 ₽ a month, or 611 ₽ with more data.",
        "Paid on 06.11.2025 at 06:11, order 0611-42, 5 0890 12.",
        "ICCID 8970101234567890611 and phone +7 916 123 0500 99.",
        "Discount 0500% (a typo), and 100#, *abc#, a*100#b, 2*100#.",
        "Any other number: 0891, 6110, 8 800 555 35 35.",
    ],
)
def test_prices_dates_and_long_numbers_stay_plain_text(written):
    html = markdown_to_html(written)
    assert "<a" not in html and "tel:" not in html


def test_no_link_inside_a_fenced_code_block_or_an_existing_link():
    fenced = markdown_to_html("```\n*100#\n0890\n```\n\n    *102#  (indented code)")
    assert "tel:" not in fenced and "*100#" in fenced and "*102#" in fenced
    linked = markdown_to_html("[Dial *100# for the balance](https://mts.ru)")
    assert linked.count("<a ") == 1 and "tel:" not in linked


def test_a_code_span_that_is_not_only_a_code_stays_code():
    html = markdown_to_html("`dial *100# then 1`")
    assert "tel:" not in html and "<code>dial *100# then 1</code>" in html


def test_the_sanitizer_keeps_tel_for_codes_but_a_written_tel_or_javascript_link_loses_its_target():
    html = markdown_to_html("[call](tel:+70000000000) [x](javascript:alert) and *100#")
    assert html.count('href="tel:') == 1 and BALANCE in html
    assert 'href="javascript' not in html and "+70000000000" not in html


def test_the_sanitizer_still_strips_javascript_from_a_link_dressed_as_a_dial_link():
    # HTML that reaches the sanitizer some other way (here: an image resolver gone wrong).
    def bad_picture(key, alt):
        return '<a href="javascript:alert(1)" class="dial" data-dial="*100#">x</a>'

    html = markdown_to_html("![x](image:nope)", images=bad_picture)
    assert "javascript" not in html and "href" not in html


def test_the_sanitizer_drops_any_other_class_or_data_attribute():
    def picture(key, alt):
        return '<img src="/x.png" class="evil" data-x="1" onerror="alert(1)" alt="x">'

    html = markdown_to_html("![x](image:nope) *100#", images=picture)
    assert 'class="evil"' not in html and "data-x" not in html and "onerror" not in html
    assert BALANCE in html


def test_only_codes_the_answers_link_are_valid_taps():
    assert all(map(dial_code_valid, ["*100#", "#100#", "*111*1#", "0890", "611"]))
    assert not any(
        map(dial_code_valid, ["100", "*100", "0891", "*100##", "**#", "*" + "1" * 50 + "#"])
    )

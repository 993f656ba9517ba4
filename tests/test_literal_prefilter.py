"""The pattern rules' literal prefilter: it may only skip documents the pattern cannot match."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from mtreview.kinds._literal import lowered, required_literal


def test_a_phrase_gives_its_longest_certain_run():
    assert required_literal(r"\bstrong province\b") == ("strong province", False)
    assert required_literal(r"(?<=\bthe )(?P<x>innovation) highland", ["ignorecase"]) == (
        "innovation highland", True)
    assert required_literal(r"(?i)and so on") == ("and so on", True)


def test_nothing_uncertain_is_used():
    assert required_literal(r"strong|weak province") is None            # an alternative
    assert required_literal(r"(?:strong )?province") == ("province", False)  # the optional part is not
    assert required_literal(r"(?:very )+strong") == ("strong", False)        # nor the repeated one
    assert required_literal(r"\p{L}+ province") is None                    # regex-only syntax
    assert required_literal(r"(?:province){e<=1}") is None              # fuzzy matching
    assert required_literal(r"strong   province", ["verbose"]) is None
    assert required_literal(r"\bab\b") is None                          # too short to be worth it


def test_regex_only_syntax_gets_no_prefilter():
    for source in (r"\mprovince\M", r"(?|a|b)province", r"(?r)province", r"(?f)strasse"):
        assert required_literal(source) is None


PATTERNS = [
    (r"\bstrong province\b", ()), (r"(?i)and so on", ()), (r"Kilo(?:metre)s", ("ignorecase",)),
    (r"(?<=the )ring assessment", ("ignorecase",)), (r"sun(?i:SHINE) day", ()),
]
ALPHABET = "aAkKsSoOnNdDeEtTrRgG \u212a\u017f\u0130\u0131province strong shine day"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60), st.sampled_from(PATTERNS))
def test_a_skipped_text_never_matches(text, case):
    source, flags = case
    literal = required_literal(source, flags)
    assert literal is not None
    needle, ignorecase = literal
    compiled = regex.compile(source, regex.VERSION0 | (regex.IGNORECASE if flags else 0))
    if needle not in (lowered(text) if ignorecase else text):
        assert compiled.search(text) is None

"""The literal prefilter: it may only skip documents the pattern cannot match."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from mtreview.kinds._literal import LiteralIndex, lowered, required_literal_sets, required_literals


def test_a_phrase_gives_its_longest_certain_run():
    assert required_literals(r"\bstrong province\b") == {"strong province"}
    assert required_literals(r"(?<=\bthe )(?P<x>innovation) highland", ["ignorecase"]) == {"innovation highland"}
    assert required_literals(r"(?i)And So On") == {"and so on"}
    assert required_literals(r"[Tt]he heavy fruit") == {"the heavy fruit"}


def test_alternatives_give_one_phrase_each():
    # the parser factors out the alternatives' common prefix "h"
    assert required_literals(r"\b(?:heavy fruits|harmonious poetry)\b") == {"eavy fruits", "armonious poetry"}
    assert required_literals(r"\bstrong (?:[\p{L}-]+ ){1,2}(?:province|city)\b") == {"strong "}
    assert required_literals(r"(?<=such as [^.]{1,20}), and so on") == {", and so on"}


def test_nothing_uncertain_is_used():
    assert required_literals(r"strong|we") is None                      # "we" is too short
    assert required_literals(r"(?:strong )?province") == {"province"}   # the optional part is not used
    assert required_literals(r"(?:very )+strong") == {"strong"}
    assert required_literals(r"(?:province){e<=1}") is None             # fuzzy matching
    assert required_literals(r"strong   province", ["verbose"]) is None
    assert required_literals(r"\bab\b") is None                         # too short to be worth it


def test_regex_only_syntax_gets_no_prefilter():
    for source in (r"\mprovince\M", r"(?|a|b)province", r"(?r)province", r"(?f)strasse"):
        assert required_literals(source) is None


def test_index_runs_rules_whose_phrases_occur_and_rules_without_phrases():
    index = LiteralIndex([frozenset({"heavy fruits"}), None, frozenset({"ballast stone", "highland"})])
    assert index.runnable(lowered("A Highland cattle show.")) == {1, 2}
    assert index.runnable(lowered("Nothing here.")) == {1}


def test_every_required_set_must_occur():
    sets = required_literal_sets(r"\bdeeply (?:implement|promote)s? the (?:new|old) plan")
    assert sets == (frozenset({"deeply "}), frozenset({"implement", "promote"}), frozenset({" plan"}),
                    frozenset({" the "}), frozenset({"new", "old"}))   # the longest shortest phrase first
    index = LiteralIndex([sets, frozenset({"deeply "})])
    assert index.runnable(lowered("They deeply regret the plan.")) == {1}
    assert index.runnable(lowered("They deeply implement the old plan.")) == {0, 1}


PATTERNS = [
    (r"\bstrong province\b", ()), (r"(?i)and so on", ()), (r"Kilo(?:metre)s", ("ignorecase",)),
    (r"(?<=the )ring assessment", ("ignorecase",)), (r"sun(?i:SHINE) day", ()),
    (r"\b(?:strong|powerful) (?:province|city)", ()), (r"[Ss]trong province", ()),
]
ALPHABET = "aAkKsSoOnNdDeEtTrRgG \u212a\u017f\u0130\u0131province strong powerful city shine day"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60), st.sampled_from(PATTERNS))
def test_a_skipped_text_never_matches(text, case):
    source, flags = case
    phrases = required_literals(source, flags)
    assert phrases
    compiled = regex.compile(source, regex.VERSION0 | (regex.IGNORECASE if flags else 0))
    if not any(phrase in lowered(text) for phrase in phrases):
        assert compiled.search(text) is None

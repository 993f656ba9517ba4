"""Every example of every shipped rule, with LanguageTool's strictness (see mtreview.ruletest)."""
import pytest

from mtreview.packs import compile_rules, default_rule_dirs, load_rules
from mtreview.ruletest import cases, check, missing_examples, unavailable

RULES = load_rules(default_rule_dirs())
COMPILED = {c.rule.id: c.run for c in compile_rules(RULES)}
CASES = [case for rule in RULES for case in cases(rule)]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_example(case):
    if unavailable(case.rule):  # grammar: runs against tests/test_grammar.py's fake LanguageTool
        pytest.skip(unavailable(case.rule))
    assert check(case, COMPILED[case.rule.id]) == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_has_bad_and_good_examples(rule):
    assert missing_examples(rule) == []


def test_ids_are_unique_and_namespaced():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(i.count("/") == 1 for i in ids)


def test_a_rule_whose_example_is_wrong_fails(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: team\nrules:\n  - id: x\n    kind: pattern\n    severity: minor\n    category: style\n"
        "    message: m\n    pattern: 'foo'\n    replacement: 'bar'\n"
        "    examples:\n      bad:\n        - text: 'a [[foo]] b'\n          fixed: 'a baz b'\n"
        "      good: ['foo is here']\n", encoding="utf-8")
    rule = load_rules([pack])[0]
    results = {c.label: check(c) for c in cases(rule)}
    assert results["bad[0]"] == ["edits give 'a bar b'; expected 'a baz b'"]
    assert results["good[0]"] == ["flagged 'foo'; expected nothing"]


# Wrong renderings that left a glossary entry when a pattern rule was found to flag the same text:
# the pattern rules (achieve-carbon-peak, committee-for-commission, river-chief-system) keep them.
MOVED_TO_PATTERNS = [
    *(f"{verb} {article}carbon peak" for verb in ("achieve", "achieving", "achieved", "reach", "reaching", "reached",
                                                  "realize", "realizing", "realized") for article in ("", "a ", "the ")),
    "achieve carbon peaking", "reach carbon peaking",
    "National Development and Reform Committee", "State-owned Assets Supervision and Administration Committee",
    "Housing and Urban-Rural Construction Committee", "Central Science and Technology Committee", "river length system",
]


@pytest.mark.parametrize("wrong", MOVED_TO_PATTERNS)
def test_wrong_renderings_moved_from_glossaries_are_still_flagged(wrong):
    from mtreview.reviewer import review

    text = f"Officials said the city would {wrong} soon." if "carbon" in wrong else f"The {wrong} met on Monday."
    start = text.index(wrong)
    assert any(f.start < start + len(wrong) and start < f.end for f in review(text).findings), wrong

"""The Reviewer's own policies: one finding per boilerplate line, nothing nested inside it."""
from mtreview.reviewer import review

TEXT = ("The county opened a new bridge on Monday.\n\n"
        "Related links: Ministry of Transport | Provincial Department of Transport | 10000 km\n")


def test_a_line_two_boilerplate_rules_match_is_reported_once():
    line_start = TEXT.index("Related")
    findings = [f for f in review(TEXT).findings if f.start == line_start]
    assert len(findings) == 1 and findings[0].category == "non-text"


def test_nothing_is_flagged_inside_a_boilerplate_line():
    line_start = TEXT.index("Related")
    assert [f.category for f in review(TEXT).findings if f.start >= line_start] == ["non-text"]

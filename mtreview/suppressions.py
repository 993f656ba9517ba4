"""Findings that are not to be reported: inline suppression comments and spans that are not prose.

    <!-- mtreview-disable core/doubled-word -->  ...  <!-- mtreview-enable -->
    <!-- mtreview-disable-next-line zh-en -->

A directive names rule ids or pack prefixes (comma- or space-separated; none means every rule).
A region runs from the directive to the matching `mtreview-enable` (or the end of the text);
`disable-next-line` covers the line after the comment. A directive that suppresses nothing is
itself reported, as `mtreview/unused-suppression`, when asked for.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from .config import matches_prefix
from .document import Document
from .findings import Finding, Severity
from .reviewer import Review

UNUSED_RULE = "mtreview/unused-suppression"
_DIRECTIVE = re.compile(
    r"<!--\s*mtreview-(?P<verb>disable-next-line|disable|enable)\b(?P<rules>[^>]*?)\s*-->")


@dataclass(frozen=True)
class Suppression:
    """Rules suppressed over [start, end) of the text, declared by the comment at [at, at_end)."""

    rules: tuple[str, ...]          # empty: every rule
    start: int
    end: int
    at: int
    at_end: int

    def covers(self, finding: Finding) -> bool:
        return (self.start <= finding.start < self.end
                and (not self.rules or matches_prefix(finding.rule, self.rules)))


def parse(text: str) -> list[Suppression]:
    """Every suppression directive of a text, with the span it covers."""
    if "mtreview-" not in text:
        return []
    found: list[Suppression] = []
    open_regions: list[tuple[tuple[str, ...], int, int, int]] = []
    doc = None
    for match in _DIRECTIVE.finditer(text):
        rules = tuple(r for r in re.split(r"[\s,]+", match["rules"]) if r)
        verb = match["verb"]
        if verb == "disable-next-line":
            doc = doc or Document(text)
            line, _ = doc.line_col(match.end())
            if line < len(doc.lines):
                span = doc.lines[line]
                found.append(Suppression(rules, span.start, span.end, match.start(), match.end()))
            else:
                found.append(Suppression(rules, len(text), len(text), match.start(), match.end()))
        elif verb == "disable":
            open_regions.append((rules, match.end(), match.start(), match.end()))
        else:
            still_open = []
            for region in open_regions:
                if not rules or set(region[0]) <= set(rules):
                    found.append(Suppression(region[0], region[1], match.start(), region[2], region[3]))
                else:
                    still_open.append(region)
            open_regions = still_open
    for rules, start, at, at_end in open_regions:
        found.append(Suppression(rules, start, len(text), at, at_end))
    return sorted(found, key=lambda s: s.at)


def rescored(review: Review, findings: list[Finding]) -> Review:
    """The review with only these findings; sentence penalties and the document score are summed
    again over the same sentences and words."""
    if tuple(findings) == review.findings:
        return review
    starts = [sentence.start for sentence in review.sentences]
    penalties = [0.0] * len(starts)
    for finding in findings:
        if starts:
            penalties[max(0, bisect.bisect_right(starts, finding.start) - 1)] += finding.weight
    sentences = tuple(replace(s, penalty=p) for s, p in zip(review.sentences, penalties))
    score = replace(review.score, penalty=sum(f.weight for f in findings))
    return replace(review, findings=tuple(findings), sentences=sentences, score=score)


def drop_masked(review: Review, masked) -> Review:
    """Drop findings that touch text which is not prose (code, URLs): blanked text there may look
    like an error (a run of spaces), and an edit there would change code. `masked` is sorted and
    merged."""
    if not masked:
        return review
    starts = [start for start, _ in masked]

    def overlaps(start: int, end: int) -> bool:
        end = max(end, start + 1)
        index = bisect.bisect_left(starts, end) - 1   # the last masked span starting before `end`
        return index >= 0 and masked[index][1] > start

    return rescored(review, [f for f in review.findings if not overlaps(f.start, f.end)
                             and not any(overlaps(e.start, e.end) for e in f.edits)])


def apply(review: Review, raw_text: str, report_unused: bool = False) -> Review:
    """Drop suppressed findings; with `report_unused`, add a finding for each idle directive."""
    suppressions = parse(raw_text)
    if not suppressions:
        return review
    used = [False] * len(suppressions)
    kept = []
    for finding in review.findings:
        hit = [i for i, s in enumerate(suppressions) if s.covers(finding)]
        for i in hit:
            used[i] = True
        if not hit:
            kept.append(finding)
    if report_unused:
        for suppression, was_used in zip(suppressions, used):
            if not was_used:
                kept.append(unused_finding(raw_text, suppression))
        kept.sort(key=Finding.sort_key)
    return rescored(review, kept)


def unused_finding(text: str, suppression: Suppression) -> Finding:
    names = ", ".join(suppression.rules) or "every rule"
    return Finding(UNUSED_RULE, suppression.at, suppression.at_end, text[suppression.at:suppression.at_end],
                   f"Unused suppression: no finding of {names} is suppressed here.",
                   Severity.NEUTRAL, "style")

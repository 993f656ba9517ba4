"""Choose non-overlapping edits, apply them, and review again until nothing changes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from .findings import Edit, Finding

if TYPE_CHECKING:
    from .reviewer import Review

MAX_PASSES = 10


def applicable(findings: Iterable[Finding], unsafe: bool) -> list[tuple[Finding, Edit]]:
    wanted = ("safe", "review") if unsafe else ("safe",)
    return [(f, e) for f in findings for e in f.edits if e.applicability in wanted]


def select_edits(pairs: Sequence[tuple[Finding, Edit]]) -> list[tuple[Finding, Edit]]:
    """Non-overlapping edits, chosen deterministically: most severe first, then by position, and at
    one position the edit that covers more (it subsumes the narrower one). A finding's edits are
    taken all together or not at all."""
    by_finding: dict[Finding, list[Edit]] = {}
    for finding, edit in pairs:
        by_finding.setdefault(finding, []).append(edit)
    order = sorted(by_finding, key=lambda f: (-f.severity.rank, f.start, -f.end, f.rule))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[Finding, Edit]] = []
    for finding in order:
        edits = by_finding[finding]
        if any(_overlaps(e, span) for e in edits for span in taken):
            continue
        for edit in edits:
            taken.append((edit.start, edit.end))
            chosen.append((finding, edit))
    chosen.sort(key=lambda pair: (pair[1].start, pair[1].end))
    return chosen


def _overlaps(edit: Edit, span: tuple[int, int]) -> bool:
    start, end = span
    if edit.start == edit.end or start == end:  # insertions clash only at the same point or inside
        return start < edit.start < end or edit.start < start < edit.end or edit.start == start
    return edit.start < end and start < edit.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits; text outside their spans is copied unchanged."""
    pieces, position = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            raise ValueError(f"overlapping edits at {edit.start}")
        pieces.append(text[position:edit.start])
        pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass
class FixResult:
    text: str
    applied: int = 0
    passes: int = 0
    converged: bool = True
    oscillating: list[str] = field(default_factory=list)
    review: Review | None = None   # the review of `text` that found nothing left to apply (when it converged)


def fix_text(reviewer, text: str, unsafe: bool = False, max_passes: int = MAX_PASSES) -> FixResult:
    """Apply edits, review the result, and repeat until no edit is left (at most `max_passes`)."""
    result = FixResult(text)
    texts, rules_by_pass = [text], []  # texts[i] is the text before pass i
    for _ in range(max_passes):
        review = reviewer.review(result.text)
        chosen = select_edits(applicable(review.findings, unsafe))
        if not chosen:
            result.review = review
            return result
        new_text = apply_edits(result.text, [edit for _, edit in chosen])
        if new_text == result.text:
            result.review = review
            return result
        result.passes += 1
        result.applied += len({id(f) for f, _ in chosen})
        rules_by_pass.append({f.rule for f, _ in chosen})
        if new_text in texts:  # a cycle: every rule applied since that text came back is part of it
            result.converged = False
            result.oscillating = sorted(set().union(*rules_by_pass[texts.index(new_text):]))
            return result
        texts.append(new_text)
        result.text = new_text
    final = reviewer.review(result.text)
    left = select_edits(applicable(final.findings, unsafe))
    if left:
        result.converged = False
        result.oscillating = sorted({f.rule for f, _ in left})
    else:
        result.review = final
    return result

"""Terminal output: `path:line:col: rule [severity] message (-> suggestion)`, then a summary."""
from __future__ import annotations

from collections import Counter

from ..findings import Severity
from ..scoring import total
from . import FileResult


def finding_lines(result: FileResult) -> list[str]:
    review = result.review
    lines = []
    for finding in review.findings:
        line, column = result.line_col(finding.start)
        text = f"{result.path}:{line}:{column}: {finding.rule} [{finding.severity.value}] {finding.message}"
        suggestion = finding.suggestion
        if suggestion is not None:
            text += f" (-> {suggestion!r})" if suggestion else " (-> delete)"
        lines.append(text)
    return lines


def summary_line(result: FileResult) -> str:
    review = result.review
    counts = Counter(f.severity for f in review.findings)
    by_severity = ", ".join(f"{counts[s]} {s.value}" for s in reversed(Severity) if counts[s]) or "no findings"
    safe = sum(1 for f in review.findings if f.applicability == "safe")
    unsafe = sum(1 for f in review.findings if f.applicability == "review")
    fixable = f"; {safe} fixable with `mtreview fix`" if safe else ""
    if unsafe:
        fixable += f" ({unsafe} more with --unsafe-fixes)"
    return (f"{result.location}: {len(review.findings)} findings ({by_severity}); "
            f"quality {review.score.quality:.1f} ({review.score.penalty:g} penalty over {review.score.words} words)"
            f"{fixable}")


def render(results: list[FileResult], show_signature: bool = True) -> str:
    out: list[str] = []
    reviews = []
    for result in results:
        if result.error:
            continue
        out.extend(finding_lines(result))
    for result in results:
        if result.error:
            out.append(f"error: {result.error}")
        else:
            out.append(summary_line(result))
            reviews.append(result.review)
    if len(reviews) > 1:
        overall = total(r.score for r in reviews)
        findings = sum(len(r.findings) for r in reviews)
        out.append(f"total: {findings} findings in {len(reviews)} files; quality {overall.quality:.1f}")
    if show_signature and reviews:
        out.append(f"signature: {reviews[0].signature}")
    for review in reviews:
        for warning in review.warnings:
            out.append(f"warning: {warning}")
    return "\n".join(out) + "\n" if out else ""

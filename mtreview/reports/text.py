"""Terminal output: `path:line:col: rule [severity] message (-> suggestion)`, then a summary."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

from ..findings import Severity
from ..scoring import total
from . import FileResult


# line breaks and terminal escapes from the article or a pack, shown escaped as in a Python string
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """One finding stays one line, and the input cannot drive the terminal."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def finding_lines(result: FileResult) -> list[str]:
    review = result.review
    lines = []
    for finding in review.findings:
        line, column = result.line_col(finding.start)
        text = one_line(f"{result.path}:{line}:{column}: {finding.rule} [{finding.severity.value}] {finding.message}")
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
    return "".join(render_lines(results, show_signature))


def render_lines(results: Iterable[FileResult], show_signature: bool = True) -> Iterator[str]:
    """The same output line by line as the results arrive: a corpus's findings are printed while
    it is reviewed, and only the one-line summaries wait for the end."""
    tail: list[str] = []
    warnings: list[str] = []
    overall, findings, reviewed, signature = total(()), 0, 0, None
    for result in results:
        if result.error:
            tail.append(f"error: {result.error}")
            continue
        for line in finding_lines(result):
            yield line + "\n"
        review = result.review
        tail.append(summary_line(result))
        overall, findings, reviewed = overall + review.score, findings + len(review.findings), reviewed + 1
        signature = signature or review.signature
        warnings.extend(f"warning: {warning}" for warning in review.warnings)
    if reviewed > 1:
        tail.append(f"total: {findings} findings in {reviewed} files; quality {overall.quality:.1f}")
    if show_signature and reviewed:
        tail.append(f"signature: {signature}")
    for line in tail + warnings:
        yield line + "\n"

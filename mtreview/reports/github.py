"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.

    ::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE
"""
from __future__ import annotations

from ..findings import Severity
from . import FileResult
from .text import one_line

LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning",
          Severity.NEUTRAL: "notice"}


def _data(text: str) -> str:
    """Escaped as the runner reads it; other control characters (terminal escapes from the article
    or a pack) are shown escaped, since the log viewer would obey them."""
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult]) -> str:
    lines = []
    for result in results:
        if result.error:
            lines.append(f"::error file={_property(result.path)}::{_data(result.error)}")
            continue
        for finding in result.review.findings:
            line, column = result.line_col(finding.start)
            end_line, end_column = result.line_col(finding.end)
            message = f"[{finding.severity.value}] {finding.message}"
            if finding.suggestion is not None:
                message += f" (-> {finding.suggestion!r})" if finding.suggestion else " (-> delete)"
            lines.append(f"::{LEVELS[finding.severity]} file={_property(result.path)},line={line},"
                         f"col={column},endLine={end_line},endColumn={end_column},"
                         f"title={_property(finding.rule)}::{_data(message)}")
    return "\n".join(lines) + "\n" if lines else ""

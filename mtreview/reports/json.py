"""JSON output, schema_version 1 (docs/json-schema.md): offsets are characters of the decoded text."""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from . import FileResult

SCHEMA_VERSION = 1


def file_dict(result: FileResult) -> dict:
    if result.error:
        return {"path": result.path, "error": result.error}
    record = {} if result.record is None else {"record": result.record}
    review = result.review
    findings = []
    for finding in review.findings:
        line, column = result.line_col(finding.start)
        findings.append({
            "rule": finding.rule, "start": finding.start, "end": finding.end, "line": line,
            "column": column, "text": finding.text, "severity": finding.severity.value,
            "category": finding.category, "message": finding.message,
            "edits": [edit.as_dict() for edit in finding.edits],
        })
    from ..metrics import sentence_edit_rates  # imports sacrebleu: only when JSON is asked for

    rates = sentence_edit_rates(review)
    return {"path": result.path, **record, "findings": findings,
            "sentences": [{**s.as_dict(), "edit_rate": round(rate, 2)}
                          for s, rate in zip(review.sentences, rates)],
            "score": review.score.as_dict(), "signature": review.signature,
            "warnings": list(review.warnings)}


def render(results: list[FileResult]) -> str:
    return "".join(render_chunks(results))


def render_chunks(results: Iterable[FileResult]) -> Iterator[str]:
    """The same document as `json.dumps({"schema_version": ..., "files": [...]}, indent=2)`, one
    file at a time as the results arrive, so that a corpus's report is never held in memory."""
    yield f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "files": ['
    separator = "\n"
    for result in results:
        text = json.dumps(file_dict(result), ensure_ascii=False, indent=2)
        yield separator + "\n".join("    " + line for line in text.split("\n"))
        separator = ",\n"
    yield "]\n}\n" if separator == "\n" else "\n  ]\n}\n"

"""JSON output, schema_version 1 (docs/json-schema.md): offsets are characters of the decoded text."""
from __future__ import annotations

import json

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
    payload = {"schema_version": SCHEMA_VERSION, "files": [file_dict(r) for r in results]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

"""SARIF 2.1.0 output, for code-scanning dashboards: one run, the rules with their help text, one
result per finding with its region in lines/columns and character offsets, and the edits as SARIF
`fixes`. Columns count Unicode code points (`columnKind`).

A record of a structured file (a JSONL line, a table row, a translation unit) is located by its
line and by the column within its text; its character offsets and edits are not given, since they
do not point into the file's own characters."""
from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from .. import __version__
from ..findings import Finding, Severity
from . import FileResult

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/mtreview/"
LEVELS = {Severity.CRITICAL: "error", Severity.MAJOR: "error", Severity.MINOR: "warning",
          Severity.NEUTRAL: "note"}


def render(results: list[FileResult], rules=()) -> str:
    """`rules` are the reviewer's Rule records, for the rules' help text."""
    used = sorted({f.rule for r in results if r.review for f in r.review.findings})
    known = {rule.id: rule for rule in rules}
    descriptors = [_descriptor(rule_id, known.get(rule_id)) for rule_id in used]
    index = {rule_id: i for i, rule_id in enumerate(used)}
    sarif_results = [_result(result, finding, index)
                     for result in results if result.review for finding in result.review.findings]
    errors = [{"level": "error", "message": {"text": result.error},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(result.path)}}}]}
              for result in results if result.error]
    run = {
        "tool": {"driver": {"name": "mtreview", "version": __version__,
                            "informationUri": INFORMATION_URI, "rules": descriptors}},
        "invocations": [{"executionSuccessful": not errors, "toolExecutionNotifications": errors}],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    signature = next((r.review.signature for r in results if r.review), None)
    if signature:
        run["properties"] = {"signature": signature}
    payload = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def uri(path: str) -> str:
    """A relative URI reference for a path as the user named it (absolute paths as file: URIs)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix())


def _descriptor(rule_id: str, rule) -> dict:
    if rule is None:  # findings that no pack defines, such as an unused suppression
        return {"id": rule_id, "shortDescription": {"text": rule_id},
                "help": {"text": "Reported by mtreview itself; see `mtreview check --help`."}}
    doc = rule.doc or {}
    help_text = "\n\n".join(part for part in (doc.get("what"), doc.get("why"),
                                              f"Fix safety: {doc['fix']}" if doc.get("fix") else None) if part)
    descriptor = {
        "id": rule.id,
        "shortDescription": {"text": doc.get("what") or rule.id},
        "fullDescription": {"text": doc.get("why") or doc.get("what") or rule.id},
        "help": {"text": help_text or f"See `mtreview rules show {rule.id}`."},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"kind": rule.kind, "category": rule.category, "severity": rule.severity.value},
    }
    if rule.url:
        descriptor["helpUri"] = rule.url
    return descriptor


def _region(result: FileResult, start: int, end: int, snippet: str | None = None) -> dict:
    start_line, start_column = result.line_col(start)
    end_line, end_column = result.line_col(end)
    region = {"startLine": start_line, "startColumn": start_column,
              "endLine": end_line, "endColumn": end_column}
    if result.record is None:
        region.update(charOffset=start, charLength=end - start)
    if snippet is not None:
        region["snippet"] = {"text": snippet}
    return region


def _result(result: FileResult, finding: Finding, index: dict[str, int]) -> dict:
    location = {"physicalLocation": {"artifactLocation": {"uri": uri(result.path)},
                                     "region": _region(result, finding.start, finding.end, finding.text)}}
    entry = {
        "ruleId": finding.rule, "ruleIndex": index[finding.rule], "level": LEVELS[finding.severity],
        "message": {"text": finding.message}, "locations": [location],
        "properties": {"severity": finding.severity.value, "category": finding.category},
    }
    if finding.edits and result.record is None:
        entry["fixes"] = [{
            "description": {"text": f"{'Safe' if finding.applicability == 'safe' else 'Needs review'}: "
                                    f"{finding.message}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri(result.path)},
                "replacements": [{"deletedRegion": _region(result, edit.start, edit.end),
                                  "insertedContent": {"text": edit.replacement}}
                                 for edit in finding.edits]}],
        }]
        entry["properties"]["applicability"] = finding.applicability
    return entry

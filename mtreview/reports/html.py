"""The editor's HTML report: one self-contained page (inline CSS and JS, nothing fetched).

This module turns reviews into plain view data (segments of the article, notes, chart bars, diffs);
the Jinja2 template `templates/report.html.j2` lays them out with autoescaping on, so every piece
of text from the article, the rules or the file name reaches the page escaped. The page's
Content-Security-Policy allows only its own inline style and script, by hash."""
from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .. import __version__
from ..findings import CATEGORIES, Edit, Finding, Severity
from ..fixes import FixResult, apply_edits
from . import FileResult
from .worddiff import DELETE, INSERT, side, word_diff

SEVERITIES = tuple(reversed(Severity))                  # critical first
PENALTY_BANDS = (0.0, 1.0, 5.0, 25.0)                   # sentence shading: pen-0 .. pen-4
CONTEXT_WORDS = 4                                       # words shown around an edit
CHART_BAR_WIDTH = 220
_LINE_BREAK = re.compile(r"\r\n|\r|\n")                 # shown as ↵ inside an edit's diff
_RUNS = re.compile(r"\s+|\S+")


@dataclass
class Segment:
    """A run of the article with one set of covering findings and one sentence shading."""

    text: str
    band: str = ""
    ids: list[str] = field(default_factory=list)
    severities: list[str] = field(default_factory=list)
    tip: str = ""
    anchors: list[str] = field(default_factory=list)   # findings that start here
    notes: str = ""

    @property
    def top(self) -> str:
        """The most severe covering finding's severity: it colours the highlight."""
        return max(self.severities, key=lambda s: Severity(s).rank) if self.severities else ""


@dataclass
class Note:
    """One finding as the side list shows it."""

    id: str
    rule: str
    severity: str
    category: str
    line: int
    column: int
    text: str
    message: str
    applicability: str | None
    diff: list[tuple[str, str]]
    proposed: str | None


def render(results: list[FileResult], fixes: list[FixResult | None] | None = None) -> str:
    """The whole page for the reviewed files; `fixes` holds each file's fully fixed text."""
    fixes = fixes or [None] * len(results)
    files = [_file_view(index, result, fix) for index, (result, fix) in enumerate(zip(results, fixes))]
    present = [f for f in files if not f["error"]]
    severities = [s.value for s in SEVERITIES if any(s.value in f["severity_counts"] for f in present)]
    categories = [c for c in CATEGORIES if any(c in f["category_counts"] for f in present)]
    css, js = _asset("report.css"), _asset("report.js")
    policy = ("default-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'; "
              f"style-src '{_sha256(css)}'; script-src '{_sha256(js)}'")
    return _template().render(files=files, css=css, js=js, policy=policy, version=__version__,
                              severities=severities, categories=categories,
                              total=sum(len(f["notes"]) for f in present))


def _file_view(index: int, result: FileResult, fix: FixResult | None) -> dict:
    if result.error:
        return {"anchor": f"file-{index}", "path": result.path, "error": result.error,
                "severity_counts": {}, "category_counts": {}, "notes": []}
    review = result.review
    ids = [f"f{index}-{number}" for number in range(len(review.findings))]
    notes = [_note(result, finding, finding_id) for finding, finding_id in zip(review.findings, ids)]
    segments = _segments(review, ids, notes)
    severity_counts = Counter(f.severity.value for f in review.findings)
    category_counts = Counter(f.category for f in review.findings)
    view = {
        "anchor": f"file-{index}", "path": result.path, "error": None,
        "score": review.score, "signature": review.signature, "warnings": list(review.warnings),
        "notes": notes, "segments": segments,
        "severity_counts": dict(severity_counts), "category_counts": dict(category_counts),
        "severity_list": [(s.value, severity_counts[s.value]) for s in SEVERITIES if severity_counts[s.value]],
        "chart": _chart(review.findings),
        "safe": sum(1 for f in review.findings if f.applicability == "safe"),
        "review_edits": sum(1 for f in review.findings if f.applicability == "review"),
        "sentences": len(review.sentences),
        "flagged_sentences": sum(1 for s in review.sentences if s.penalty > 0),
    }
    if fix is not None:
        runs = word_diff(review.text, fix.text)
        view.update(original_side=side(runs, DELETE), fixed_side=side(runs, INSERT),
                    fix_converged=fix.converged, fix_passes=fix.passes, fix_changed=fix.text != review.text)
    return view


def _note(result: FileResult, finding: Finding, finding_id: str) -> Note:
    line, column = result.line_col(finding.start)  # a record's line for JSONL, TSV, XLIFF
    diff, proposed = _edit_diff(result.review.text, finding)
    return Note(finding_id, finding.rule, finding.severity.value, finding.category, line, column,
                finding.text, finding.message, finding.applicability, diff, proposed)


def _edit_diff(text: str, finding: Finding) -> tuple[list[tuple[str, str]], str | None]:
    """The finding's edits as a word diff with a few words of context, and the replaced span."""
    if not finding.edits:
        return [], None
    start = min([finding.start] + [e.start for e in finding.edits])
    end = max([finding.end] + [e.end for e in finding.edits])
    proposed = apply_edits(text[start:end], [Edit(e.start - start, e.end - start, e.replacement)
                                             for e in finding.edits])
    before, after = _context(text, start, end)
    runs = word_diff(text[before:after], text[before:start] + proposed + text[end:after])
    return [(op, _LINE_BREAK.sub("↵", run) if op != "equal" else run) for op, run in runs], proposed


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """A few words either side of a span, never across a line break."""
    left = _LINE_BREAK.split(text[max(0, start - 200):start])[-1]
    right = _LINE_BREAK.split(text[end:end + 200])[0]
    before = len(left[len(left) - _words_length(reversed(_RUNS.findall(left))):].lstrip())
    after = len(right[:_words_length(_RUNS.findall(right))].rstrip())
    return start - before, end + after


def _words_length(runs) -> int:
    """Length of the runs up to the CONTEXT_WORDS-th word, with the white space between them."""
    length = words = 0
    for run in runs:
        if not run.isspace():
            if words == CONTEXT_WORDS:
                break
            words += 1
        length += len(run)
    return length


def _segments(review, ids: list[str], notes: list[Note]) -> list[Segment]:
    """Cut the text at every finding and sentence boundary; each piece knows what covers it."""
    text, findings = review.text, review.findings
    bounds = {0, len(text)}
    for finding in findings:
        bounds.update((finding.start, finding.end))
    for sentence in review.sentences:
        bounds.update((sentence.start, sentence.end))
    starting: dict[int, list[int]] = {}
    for number, finding in enumerate(findings):
        starting.setdefault(finding.start, []).append(number)
    sentences = list(review.sentences)
    tips = [_tip(finding, note) for finding, note in zip(findings, notes)]
    segments: list[Segment] = []
    active: set[int] = set()
    points = sorted(bounds)
    sentence_index = 0
    for position, following in zip(points, points[1:] + [None]):
        active = {n for n in active if findings[n].end > position}
        for number in starting.get(position, []):
            if findings[number].start == findings[number].end:
                segments.append(_segment("", "", [number], ids, findings, tips, [number]))
            else:
                active.add(number)
        if following is None:
            break
        while sentence_index < len(sentences) and sentences[sentence_index].end <= position:
            sentence_index += 1
        band = ""
        if sentence_index < len(sentences) and sentences[sentence_index].start <= position:
            band = _band(sentences[sentence_index].penalty)
        new = [n for n in starting.get(position, []) if n in active]
        segments.append(_segment(text[position:following], band, sorted(active), ids, findings, tips, new))
    return segments


def _segment(text, band, numbers, ids, findings, tips, starting) -> Segment:
    return Segment(text, band, [ids[n] for n in numbers], [findings[n].severity.value for n in numbers],
                   "\n\n".join(tips[n] for n in numbers), [ids[n] for n in starting],
                   " ".join(f"note-{ids[n]}" for n in numbers))


def _tip(finding: Finding, note: Note) -> str:
    tip = f"{finding.severity.value} · {finding.rule}\n{finding.message}"
    if note.proposed is not None:
        tip += "\n→ " + (f"“{note.proposed}”" if note.proposed else "delete")
        tip += f" ({'safe edit' if finding.applicability == 'safe' else 'needs review'})"
    return tip


def _band(penalty: float) -> str:
    return f"pen-{sum(1 for limit in PENALTY_BANDS if penalty > limit)}"


def _chart(findings) -> dict:
    """Horizontal bars, one per category, stacked by severity: geometry for the inline SVG."""
    counts = Counter((f.category, f.severity.value) for f in findings)
    totals = Counter(f.category for f in findings)
    scale = CHART_BAR_WIDTH / max(totals.values(), default=1)
    rows = []
    for row, category in enumerate(CATEGORIES):
        x, bars = 0.0, []
        for severity in SEVERITIES:
            count = counts[(category, severity.value)]
            if count:
                width = count * scale
                bars.append({"x": round(x, 1), "width": round(width, 1), "severity": severity.value,
                             "count": count})
                x += width
        rows.append({"y": row * 24, "category": category, "bars": bars, "total": totals[category],
                     "end": round(x, 1)})
    return {"rows": rows, "height": len(CATEGORIES) * 24, "bar_width": CHART_BAR_WIDTH}


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _asset(name: str) -> str:
    return resources.files("mtreview").joinpath("templates", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template():
    import jinja2

    environment = jinja2.Environment(loader=jinja2.PackageLoader("mtreview", "templates"),
                                     autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return environment.get_template("report.html.j2")

"""Fuzz the whole pipeline with atheris: bytes -> decode -> review -> fix -> every report.

Any exception other than the InputError that decode raises for bad bytes is a crash, and so is a
broken invariant (an offset outside the text, an edit outside its text, a fix that is not
idempotent, a JSON or SARIF report that does not parse back to the same text). Each crash found is
kept under tests/data/fuzz/ and replayed by tests/test_fuzz_regressions.py, which imports
`one_input` from this file (atheris itself is needed only to fuzz).

    pip install -e '.[fuzz]'
    python bench/fuzz_review.py -max_total_time=600 -max_len=4096 bench/out/fuzz-corpus tests/data/fuzz
"""
from __future__ import annotations

import importlib
import json
import sys

ENCODINGS = (None, "utf-8", "latin-1", "utf-16", "cp1252", "gb18030")

_reviewer = None


def reviewer():
    global _reviewer
    if _reviewer is None:
        from mtreview.reviewer import Reviewer

        _reviewer = Reviewer.from_config()
    return _reviewer


def _optional(module: str):
    """Reports that may not be installed in this checkout are skipped, not failed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def one_input(data: bytes) -> None:
    """One fuzz case: the first byte picks the encoding the user would pass with --encoding."""
    from mtreview.fixes import fix_text
    from mtreview.io import InputError, decode
    from mtreview.reports import FileResult
    from mtreview.reports import json as json_report
    from mtreview.reports import text as text_report

    encoding = ENCODINGS[data[0] % len(ENCODINGS)] if data else None
    try:
        source = decode(data[1:], "fuzz.txt", encoding)
    except InputError:
        return
    text = source.text
    review = reviewer().review(text)
    for finding in review.findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert finding.text == text[finding.start:finding.end], finding
        for edit in finding.edits:
            assert 0 <= edit.start <= edit.end <= len(text), (finding, edit)
    for sentence in review.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text), sentence

    fixed = fix_text(reviewer(), text, unsafe=True)
    if fixed.converged:
        again = fix_text(reviewer(), fixed.text, unsafe=True)
        assert again.text == fixed.text, "fix is not idempotent"
    try:  # the bytes `fix` would write read back as the fixed text (or fix refuses to write)
        written = source.encode(fixed.text)
    except UnicodeEncodeError:
        written = None
    if written is not None:
        assert decode(written, "fuzz.txt", encoding).text == fixed.text, "written bytes differ"

    results = [FileResult("fuzz.txt", review)]
    text_report.render(results)
    payload = json.loads(json_report.render(results))
    for finding, record in zip(review.findings, payload["files"][0]["findings"]):
        assert record["text"] == finding.text and record["message"] == finding.message
    sarif = _optional("mtreview.reports.sarif")
    if sarif is not None:
        json.loads(sarif.render(results, reviewer().rules))
    html = _optional("mtreview.reports.html")
    if html is not None:
        page = html.render(results, [fixed])
        assert "<script>alert" not in page
    diff = _optional("mtreview.reports.diff")
    if diff is not None:
        diff.unified_diff("fuzz.txt", text, fixed.text)


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["mtreview"]):
        import mtreview.document, mtreview.fixes, mtreview.io, mtreview.kinds  # noqa: F401,E401
        import mtreview.reports.json, mtreview.reports.text, mtreview.reviewer  # noqa: F401,E401
        for name in ("mtreview.reports.sarif", "mtreview.reports.html", "mtreview.reports.diff"):
            _optional(name)
    reviewer()
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""Property tests over arbitrary Unicode, for what tests/test_properties.py (fix and edits) does not
cover: decoding any bytes, findings and edits on grapheme boundaries and inside their sentence,
line/column numbers, and every report parsing back to the same text.

The texts mix shipped-rule triggers with arbitrary code points from every plane, control
characters, combining marks, joiners, bidi controls and every kind of line break."""
import json
import unicodedata

import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mtreview.config import Config
from mtreview.document import Document
from mtreview.io import InputError, decode
from mtreview.reports import FileResult
from mtreview.reports import json as json_report
from mtreview.reports import text as text_report
from mtreview.reviewer import Reviewer

TRIGGERS = [
    "the the ", "10000", "New News Agency", "co construction", "cultural and cultural", "; A total",
    "In terms of ", "Return to list\n", "粤ICP备19140089号", "，", "。", "  ", " The ",
]
ODD = [
    "\r\n", "\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\t", "\x00", "\x1b[31m", "\x7f",
    "\u0301", "\u200d", "\u200b", "\u200e", "\u202e", "\ufeff", "\ufffd", "\U0001F469\u200d\U0001F4BB",
    "\U0001F1E8\U0001F1F3", "1\ufe0f\u20e3", "\U00020BB7", "\U0010FFFD", "\u00a0", "\u3000", '"', "“", "\\",
    "</script>", "<!--", "{match}", "%s",
]
anything = st.characters(codec="utf-8")    # every code point that can be written as UTF-8
pieces = st.one_of(st.sampled_from(TRIGGERS), st.sampled_from(ODD), st.text(anything, max_size=5))
texts = st.lists(pieces, max_size=30).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
_GRAPHEME = regex.compile(r"\X")
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")


@pytest.fixture(scope="module")
def reviewer():
    return Reviewer.from_config(Config())


@given(data=st.binary(max_size=200), encoding=st.sampled_from([None, "utf-8", "latin-1", "utf-16", "cp1252", "gb18030", "nope"]))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_decoding_any_bytes_gives_text_or_a_named_one_line_error(data, encoding):
    try:
        source = decode(data, "in.txt", encoding)
    except InputError as error:
        assert str(error).startswith("in.txt: ") and "\n" not in str(error)
        return
    assert source.encode(source.text) == data or source.encoding.startswith("utf-16") or not source.bom


def cuts_inside_clusters(text: str) -> set[int]:
    """Offsets that would cut a character someone wrote: before a combining mark on a letter, digit
    or symbol (an accented letter, a keycap), inside an emoji sequence or a flag, inside a CRLF
    pair. A stray mark on a space or a punctuation mark is no such character, and a format
    character after a word (a zero-width joiner or space from a web page) is not part of it."""
    inside = set()
    for cluster in _GRAPHEME.finditer(text):
        chars = cluster.group()
        base = unicodedata.category(chars[0])
        if chars == "\r\n" or (len(chars) > 1 and base == "So"):
            inside.update(range(cluster.start() + 1, cluster.end()))
        elif base[0] in "LNS":
            inside.update(cluster.start() + i for i, c in enumerate(chars)
                          if i and unicodedata.category(c)[0] == "M")
    return inside


@SETTINGS
@given(text=texts)
@example(text="New News Agency\u0301 met.")   # found: the glossary matched "Agencý" as "Agency"
def test_edits_never_split_a_character_a_cluster_or_a_crlf(reviewer, text):
    """Offsets are code points (so always on a code point boundary); no edit may cut what a reader
    sees as one character (an emoji with its joiners, a letter with its accent, a CRLF pair), or
    writing it would corrupt the character."""
    forbidden = cuts_inside_clusters(text)
    for finding in reviewer.review(text).findings:
        for edit in finding.edits:
            assert not {edit.start, edit.end} & forbidden, (finding, edit, text)


@SETTINGS
@given(text=texts)
def test_every_edit_stays_inside_its_findings_sentence(reviewer, text):
    """An edit may touch its finding's sentence and the blanks around it, never another sentence;
    a boilerplate (non-text) finding deletes exactly its own line and line break."""
    doc = Document(text)
    for finding in reviewer.review(text).findings:
        if finding.category == "non-text":
            line = next(l for l in doc.lines if l.start <= finding.start <= l.end)
            for edit in finding.edits:
                assert edit.start == line.start
                assert text[line.end:edit.end] in ("", "\n", "\r", "\r\n")
            continue
        index = doc.sentence_index(finding.start)
        low = doc.sentences[index - 1].end if index else 0
        high = doc.sentences[index + 1].start if index + 1 < len(doc.sentences) else len(text)
        for edit in finding.edits:
            assert low <= edit.start <= edit.end <= high, (finding, edit, doc.sentences[index], text)


@SETTINGS
@given(text=texts)
def test_line_and_column_count_every_line_break_style(reviewer, text):
    review = reviewer.review(text)
    payload = json.loads(json_report.render([FileResult("in.txt", review)]))
    for finding, record in zip(review.findings, payload["files"][0]["findings"]):
        before = text[:finding.start]
        breaks = list(_LINE_BREAK.finditer(before))
        if before.endswith("\r") and text[finding.start:finding.start + 1] == "\n":
            breaks = breaks[:-1]    # an offset inside a CRLF pair is still on the first line
        line_start = breaks[-1].end() if breaks else 0
        assert (record["line"], record["column"]) == (len(breaks) + 1, finding.start - line_start + 1)


@SETTINGS
@given(text=texts)
def test_reports_give_back_the_exact_text_and_one_line_per_finding(reviewer, text):
    review = reviewer.review(text)
    results = [FileResult("in.txt", review)]
    payload = json.loads(json_report.render(results))
    for finding, record in zip(review.findings, payload["files"][0]["findings"]):
        assert record["text"] == finding.text == text[finding.start:finding.end]
        assert record["message"] == finding.message
        assert [e["replacement"] for e in record["edits"]] == [e.replacement for e in finding.edits]
    lines = text_report.finding_lines(results[0])
    assert len(lines) == len(review.findings)
    assert all(not _LINE_BREAK.search(line) for line in lines), lines

"""Property tests of edits and the fix loop on arbitrary Unicode text with CRLF, BOM, NBSP and astral
characters: findings and edits have valid offsets, applying edits never touches text outside them,
fixing is idempotent, and a fixed file keeps its BOM and every byte outside the edits."""
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mtreview.config import Config
from mtreview.findings import Edit
from mtreview.fixes import apply_edits, applicable, fix_text, select_edits
from mtreview.fixing import fix_source, write_fix
from mtreview.io import decode
from mtreview.reviewer import Reviewer

# Pieces that make the shipped rules fire, mixed with arbitrary characters.
SNIPPETS = [
    "the \"the Belt and Road\"", "10000", "16000 ", "New News Agency", "co construction countries",
    "cultural and cultural", "; A total", "In terms of jointly ", "Return to list", "Edit:Hu Sen Ming",
    "粤ICP备19140089号", "Copyright © 2019", "email:x@y.com", " The ", "the the", "。", "，",
    "\r\n", "\n", "\r", "\r\n\r\n", "\u00a0", "\u3000", "\ufeff", "\U0001F389", "\U00020BB7", "e\u0301",
    ". ", "\"", "“", "”", "-", " ",
]
pieces = st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=4))
texts = st.lists(pieces, max_size=25).map("".join)
SETTINGS = settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def reviewer():
    return Reviewer.from_config(Config())


@SETTINGS
@given(text=texts)
def test_findings_and_edits_have_valid_offsets(reviewer, text):
    for finding in reviewer.review(text).findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert text[finding.start:finding.end] == finding.text
        for edit in finding.edits:
            assert 0 <= edit.start <= edit.end <= len(text)
            assert edit.applicability in ("safe", "review")


@SETTINGS
@given(text=texts, unsafe=st.booleans())
def test_applying_selected_edits_changes_nothing_outside_them(reviewer, text, unsafe):
    chosen = [edit for _, edit in select_edits(applicable(reviewer.review(text).findings, unsafe))]
    result = apply_edits(text, chosen)
    position, shift = 0, 0
    for edit in sorted(chosen, key=lambda e: (e.start, e.end)):
        assert edit.start >= position, "selected edits overlap"
        assert result[position + shift:edit.start + shift] == text[position:edit.start]
        assert result[edit.start + shift:edit.start + shift + len(edit.replacement)] == edit.replacement
        shift += len(edit.replacement) - (edit.end - edit.start)
        position = edit.end
    assert result[position + shift:] == text[position:]


@given(text=st.text(max_size=40), data=st.data())
@settings(max_examples=200, deadline=None, derandomize=True)
def test_apply_edits_keeps_every_character_outside_the_spans(text, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    edits = [Edit(a, b, data.draw(st.text(max_size=3))) for a, b in zip(cuts[::2], cuts[1::2])]
    result = apply_edits(text, edits)
    kept = [text[b:a] for (_, b), (a, _) in zip([(0, 0)] + [(e.start, e.end) for e in edits],
                                                [(e.start, e.end) for e in edits] + [(len(text), 0)])]
    position = 0
    for piece, edit in zip(kept, edits + [None]):
        assert result.startswith(piece, position)
        position += len(piece) + (len(edit.replacement) if edit else 0)
    assert position == len(result)


@SETTINGS
@given(text=texts, unsafe=st.booleans())
def test_fix_is_idempotent(reviewer, text, unsafe):
    once = fix_text(reviewer, text, unsafe=unsafe)
    assert once.converged, once.oscillating
    twice = fix_text(reviewer, once.text, unsafe=unsafe)
    assert twice.text == once.text and twice.applied == 0
    assert not select_edits(applicable(reviewer.review(once.text).findings, unsafe))


@SETTINGS
@given(text=texts, bom=st.sampled_from([b"", b"\xef\xbb\xbf"]))
def test_fixed_file_keeps_bom_and_bytes_outside_the_edits(reviewer, tmp_path_factory, text, bom):
    assume("\x00" not in text)  # a NUL byte makes it a binary file, refused (tested elsewhere)
    path = tmp_path_factory.mktemp("prop") / "article.txt"
    data = bom + text.encode("utf-8")
    path.write_bytes(data)
    source = decode(data, str(path))
    planned = fix_source(reviewer, source)
    assert planned.error is None
    write_fix(planned)
    written = path.read_bytes()
    bom = source.bom  # a text that itself starts with U+FEFF is read as having a BOM
    assert written.startswith(bom)
    assert written == bom + planned.fixed.encode("utf-8")
    if planned.fixed == source.text:
        assert written == data
    # with test_applying_selected_edits_changes_nothing_outside_them, this means: every byte outside
    # the edits is written back as it was read, line endings and BOM included


@given(before=texts, after=texts)
@settings(max_examples=200, deadline=None, derandomize=True)
def test_word_diff_gives_back_both_texts(before, after):
    from mtreview.reports.worddiff import DELETE, INSERT, side, word_diff

    runs = word_diff(before, after)
    assert "".join(text for _, text in side(runs, DELETE)) == before
    assert "".join(text for _, text in side(runs, INSERT)) == after
    assert all(text for _, text in runs)

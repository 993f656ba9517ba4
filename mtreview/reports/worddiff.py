"""Word-level diff for readers: runs of equal, deleted and inserted text (words, spaces, marks)."""
from __future__ import annotations

import difflib
import re

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")

EQUAL, DELETE, INSERT = "equal", "delete", "insert"


def tokens(text: str) -> list[str]:
    """Words, runs of white space and single other characters; joined, they give the text back."""
    return _TOKEN.findall(text)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """(operation, text) runs that turn `before` into `after`: deletions come before insertions.

    Lines are aligned first and only the lines that differ are diffed word by word, so that a long
    article costs little more than its changed paragraphs."""
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(runs, EQUAL, "".join(old_lines[i1:i2]))
        else:
            for run in _word_runs("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])):
                _append(runs, *run)
    return _join_changes(runs)


def _word_runs(before: str, after: str) -> list[tuple[str, str]]:
    old, new = tokens(before), tokens(after)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    runs = [(EQUAL, "".join(old[:head]))]
    middle_old, middle_new = old[head:len(old) - tail], new[head:len(new) - tail]
    # Frequent tokens (spaces, "the") are junk for anchoring in long paragraphs: this keeps the
    # matcher near-linear; matches are still extended through them.
    matcher = difflib.SequenceMatcher(None, middle_old, middle_new, autojunk=len(middle_new) > 400)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append((EQUAL, "".join(middle_old[i1:i2])))
            continue
        runs.append((DELETE, "".join(middle_old[i1:i2])))
        runs.append((INSERT, "".join(middle_new[j1:j2])))
    runs.append((EQUAL, "".join(old[len(old) - tail:])))
    return [run for run in runs if run[1]]


def _append(runs: list[tuple[str, str]], op: str, text: str) -> None:
    if not text:
        return
    if runs and runs[-1][0] == op:
        runs[-1] = (op, runs[-1][1] + text)
    else:
        runs.append((op, text))


def side(runs: list[tuple[str, str]], keep: str) -> list[tuple[str, str]]:
    """One side of a diff: the equal runs and the deleted (or inserted) ones."""
    return [(op, text) for op, text in runs if op in (EQUAL, keep)]


def _join_changes(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A lone space kept between two changes belongs to both: `-a b- +c d+`, not `-a- +c- -b- +d-`."""
    joined: list[tuple[str, str]] = []
    deleted, inserted = "", ""
    for index, (op, text) in enumerate(runs):
        between_changes = (op == EQUAL and text.isspace() and 0 < index < len(runs) - 1
                           and (deleted or inserted) and runs[index + 1][0] != EQUAL)
        if op == EQUAL and not between_changes:
            _append(joined, DELETE, deleted)
            _append(joined, INSERT, inserted)
            deleted, inserted = "", ""
            _append(joined, EQUAL, text)
            continue
        if op != INSERT:
            deleted += text
        if op != DELETE:
            inserted += text
    _append(joined, DELETE, deleted)
    _append(joined, INSERT, inserted)
    return joined

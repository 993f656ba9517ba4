"""Review many paths: expand, read, review, and keep going past a bad file."""
from __future__ import annotations

import sys

from .io import InputError, Source, decode, expand_paths, read_source
from .reports import FileResult


def read_input(path: str, encoding: str | None = None) -> Source:
    if path == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    return read_source(path, encoding)


def review_paths(reviewer, paths, encoding: str | None = None) -> list[FileResult]:
    results = []
    for path, error in expand_paths(paths):
        if error is not None:
            results.append(FileResult(path, error=str(error)))
            continue
        try:
            source = read_input(path, encoding)
        except InputError as exc:
            results.append(FileResult(path, error=str(exc)))
            continue
        results.append(FileResult(source.path, reviewer.review(source.text)))
    return results

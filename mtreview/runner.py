"""Review many paths: expand, read, review, and keep going past a bad file."""
from __future__ import annotations

import sys
from dataclasses import replace

from . import suppressions
from .formats import ReadOptions, Unit, expand, read_units
from .io import InputError, Source, decode, read_source
from .reports import FileResult


def read_input(path: str, encoding: str | None = None) -> Source:
    if path == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    return read_source(path, encoding)


def review_unit(reviewer, unit: Unit, report_unused_suppressions: bool = False) -> FileResult:
    """Review one unit: findings on text that is not prose or under a suppression are dropped."""
    review = reviewer.review(unit.text)
    review = suppressions.drop_masked(review, unit.masked)
    review = suppressions.apply(review, unit.raw, report_unused_suppressions)
    if unit.warnings:
        review = replace(review, warnings=review.warnings + unit.warnings)
    if unit.original is not None:  # same offsets; reports show the file as written
        review = replace(review, text=unit.original)
    return FileResult(unit.path, review, record=unit.record, source=unit.source)


def review_paths(reviewer, paths, encoding: str | None = None, options: ReadOptions | None = None,
                 report_unused_suppressions: bool = False) -> list[FileResult]:
    options = options or ReadOptions(encoding=encoding)
    results = []
    for path, error in expand(paths, options):
        if error is not None:
            results.append(FileResult(path, error=str(error)))
            continue
        try:
            for unit in read_units(path, options):
                results.append(review_unit(reviewer, unit, report_unused_suppressions))
        except InputError as exc:
            results.append(FileResult(path, error=str(exc)))
    return results

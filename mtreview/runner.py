"""Review many paths: expand, read, review, and keep going past a bad file."""
from __future__ import annotations

import os
from dataclasses import replace

from . import suppressions
from .formats import ReadOptions, Unit, expand, read_units
from .io import InputError, Source, read_source, read_stdin
from .reports import FileResult


def read_input(path: str, encoding: str | None = None) -> Source:
    if path == "-":
        return read_stdin(encoding)
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
                 report_unused_suppressions: bool = False, **parallel) -> list[FileResult]:
    return list(iter_results(reviewer, paths, encoding, options, report_unused_suppressions, **parallel))


def iter_results(reviewer, paths, encoding: str | None = None, options: ReadOptions | None = None,
                 report_unused_suppressions: bool = False, jobs: int = 1, scheduler: str | None = None,
                 progress: bool = False):
    """Results in input order, one at a time (a corpus is never held in memory): in this process,
    on `jobs` processes, or on a Dask `scheduler` (mtreview.parallel)."""
    from .parallel import count_bytes, run_ordered

    options = options or ReadOptions(encoding=encoding)
    expanded = expand(paths, options)
    readable = [path for path, error in expanded if error is None and path != "-"]
    return run_ordered(reviewer, _work(expanded, options), jobs=jobs, scheduler=scheduler,
                       total_bytes=count_bytes(readable), files=len(expanded), progress=progress,
                       report_unused_suppressions=report_unused_suppressions)


def _work(expanded, options: ReadOptions):
    """The input stream: each unit of each file, or the error that stopped a file, in order."""
    from .parallel import Work

    for path, error in expanded:
        if error is not None:
            yield Work(result=FileResult(path, error=str(error)), file_bytes=0)
            continue
        size = os.path.getsize(path) if path != "-" and os.path.isfile(path) else 0
        pending = None
        try:
            for unit in read_units(path, options):
                if pending is not None:
                    yield pending
                pending = Work(unit=unit)
        except InputError as exc:
            if pending is not None:
                yield pending
            pending = Work(result=FileResult(path, error=str(exc)))
        yield Work(unit=pending.unit, result=pending.result, file_bytes=size) if pending else \
            Work(file_bytes=size)


class Tally:
    """Passes results through while keeping what the exit code needs, so that the results
    themselves can be printed and dropped one by one."""

    def __init__(self, results, fail_on: str, fail_under: float | None):
        from .findings import Severity
        from .suppressions import UNUSED_RULE

        self._results, self._unused_rule = results, UNUSED_RULE
        self._threshold, self._fail_under = Severity(fail_on).rank, fail_under
        self.errors: list[str] = []
        self.failing = False

    def __iter__(self):
        for result in self._results:
            if result.error:
                self.errors.append(result.error)
            elif not self.failing:
                review = result.review
                self.failing = any(f.severity.rank >= self._threshold or f.rule == self._unused_rule
                                   for f in review.findings) or (
                    self._fail_under is not None and review.score.quality < self._fail_under)
            yield result

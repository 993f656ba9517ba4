"""`mtreview fix` for files: plan the fix of each file, then write it back byte for byte.

Planning reads and fixes in memory and writes nothing, so `--diff` and the real fix share one path;
writing happens only for files whose fix loop converged, through `io.write_atomic` with the
file's own encoding, BOM and (untouched) line endings."""
from __future__ import annotations

from dataclasses import dataclass, field

from .fixes import FixResult, fix_text
from .formats import ReadOptions, editable_format, whole_file_unit
from .io import InputError, Source, expand_paths
from .reviewer import Review
from .runner import read_input, review_unit

STDIN = "<stdin>"


@dataclass(frozen=True)
class FileFix:
    """What fixing one file does: the text before and after, and what is left for an editor."""

    path: str
    source: Source | None = None
    result: FixResult | None = None
    after: Review | None = None            # review of the fixed text
    unsafe: bool = False
    error: str | None = None

    @property
    def original(self) -> str:
        return self.source.text if self.source else ""

    @property
    def fixed(self) -> str:
        return self.result.text if self.result else self.original

    @property
    def changed(self) -> bool:
        return self.error is None and self.fixed != self.original

    @property
    def applied(self) -> int:
        return self.result.applied if self.result and self.error is None else 0

    @property
    def remaining(self) -> int:
        return len(self.after.findings) if self.after else 0

    @property
    def more_with_unsafe(self) -> int:
        """Remaining findings that `--unsafe-fixes` would edit (none when it is already given)."""
        if self.unsafe or not self.after:
            return 0
        return sum(1 for f in self.after.findings if any(e.applicability == "review" for e in f.edits))


@dataclass
class FixRun:
    """Every file of one `fix` invocation, in the order given."""

    files: list[FileFix] = field(default_factory=list)

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    @property
    def errors(self) -> list[FileFix]:
        return [f for f in self.files if f.error]

    def summary(self, written: bool) -> str:
        """`N fixed, M remaining (K more fixable with --unsafe-fixes)`, as ruff says it."""
        fixed = sum(f.applied for f in self.files)
        remaining = sum(f.remaining for f in self.files if not f.error)
        more = sum(f.more_with_unsafe for f in self.files if not f.error)
        line = f"{fixed} fixed" if written else f"{fixed} would be fixed"
        line += f", {remaining} remaining"
        if more:
            line += f" ({more} more fixable with --unsafe-fixes)"
        return line

    def exit_code(self) -> int:
        """2 for any error; else the pre-commit fixer contract: 1 when a file changed (or would), 0."""
        if self.errors:
            return 2
        return 1 if self.changed else 0


class FileReviewer:
    """Reviews each pass of a file's fix as `check` reviews the file: in Markdown only the prose,
    and never under an inline suppression, so `fix` edits exactly what `check` reports."""

    def __init__(self, reviewer, path: str, options: ReadOptions | None = None):
        self.reviewer, self.path, self.options = reviewer, path, options

    def review(self, text: str) -> Review:
        return review_unit(self.reviewer, whole_file_unit(self.path, text, self.options)).review


def fix_source(reviewer, source: Source, unsafe: bool = False, options: ReadOptions | None = None) -> FileFix:
    """Run the fix loop on one decoded file; a loop that does not converge is an error, not a fix."""
    try:
        editable_format(source.path, options)
    except InputError as exc:
        return FileFix(source.path, source, error=str(exc))
    reviewer = FileReviewer(reviewer, source.path, options)
    result = fix_text(reviewer, source.text, unsafe=unsafe)
    if not result.converged:
        rules = ", ".join(result.oscillating) or "unknown"
        return FileFix(source.path, source, result, unsafe=unsafe,
                       error=f"{source.path}: edits did not converge after {result.passes} passes "
                             f"(oscillating rules: {rules}); file left unchanged")
    return FileFix(source.path, source, result, result.review, unsafe)  # the loop's last review


def plan_fixes(reviewer, paths, unsafe: bool = False, encoding: str | None = None,
               options: ReadOptions | None = None) -> FixRun:
    """Fix every path in memory; nothing is written. Bad paths become errors in place."""
    options = options or ReadOptions(encoding=encoding)
    run = FixRun()
    for path, problem in expand_paths(paths):
        if problem is not None:
            run.files.append(FileFix(path, error=str(problem)))
            continue
        try:
            source = read_input(path, encoding)
        except InputError as exc:
            run.files.append(FileFix(path, error=str(exc)))
            continue
        run.files.append(fix_source(reviewer, source, unsafe, options))
    return run


def write_fix(fix: FileFix) -> FileFix:
    """Write a changed file atomically in its own encoding and BOM; a failed write becomes an error."""
    from .io import write_atomic

    if not fix.changed or fix.path == STDIN:
        return fix
    try:
        write_atomic(fix.path, fix.source.encode(fix.fixed), expected_digest=fix.source.digest)
    except UnicodeEncodeError as exc:
        return _failed(fix, f"the fixed text cannot be written in {fix.source.encoding} ({exc.reason})")
    except OSError as exc:
        return _failed(fix, exc.strerror or str(exc))
    return fix


def _failed(fix: FileFix, problem: str) -> FileFix:
    return FileFix(fix.path, fix.source, fix.result, fix.after, fix.unsafe,
                   error=f"{fix.path}: not written: {problem}")


def write_all(run: FixRun) -> FixRun:
    """Write every changed file (standard input is left to the caller, which prints it)."""
    return FixRun([write_fix(f) for f in run.files])


def fix_reviews(reviewer, results) -> list[FixResult | None]:
    """The fully fixed text (safe and review edits) of each reviewed file, for the editor's report."""
    return [None if r.error else fix_text(reviewer, r.review.text, unsafe=True) for r in results]

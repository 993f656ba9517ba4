"""Input formats: each module reads one kind of file into review units.

A unit is what the reviewer sees as one document: a whole text or Markdown file, one JSONL record,
one table row's target cell, one translation unit's target segment. Every unit knows where its
text sits in the file, so that findings point into the original file:

- a *whole-file* unit (text, Markdown) keeps the file's own offsets; Markdown blanks what is not
  prose (code, URLs, front matter) with spaces of the same length and lists those spans in
  `masked`, so that findings touching them can be dropped;
- a *record* unit (JSONL, TSV/CSV, XLIFF, PO, TMX) has `record`: the line of the file where the
  record starts; a finding's column counts characters from the start of the unit's text.

Readers are generators, so that a large JSONL file is never held in memory at once.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..io import InputError, expand_paths

Span = tuple[int, int]


@dataclass(frozen=True)
class Unit:
    """One document to review and where it came from."""

    path: str                              # the file, as the user named it
    text: str                              # what the rules read
    record: int | None = None              # line of the record in the file; None for a whole file
    masked: tuple[Span, ...] = ()          # spans of `text` that are not prose (blanked)
    original: str | None = None            # the file's text when `text` has blanked spans
    source: str | None = None              # source-language text of a bilingual pair
    warnings: tuple[str, ...] = ()

    @property
    def location(self) -> str:
        return self.path if self.record is None else f"{self.path}:{self.record}"

    @property
    def raw(self) -> str:
        """The text as written, comments included (suppressions are read from it)."""
        return self.original if self.original is not None else self.text


@dataclass(frozen=True)
class ReadOptions:
    """How files are read: the format of each extension and the fields of structured formats."""

    encoding: str | None = None
    text_field: str | None = None          # JSONL: dotted path of the text to review
    source_column: str | None = None       # TSV/CSV: header name or 1-based number
    target_column: str | None = None
    formats: tuple[tuple[str, str], ...] = ()   # extension -> format name overrides
    unknown: str = "text"                  # unknown extensions: "text" (with a warning) or "skip"
    exclude: tuple[str, ...] = ()          # glob patterns, relative to `root`
    root: str = "."

    def format_for(self, path: str) -> str | None:
        suffix = Path(path).suffix.lower()
        overrides = dict(self.formats)
        if suffix in overrides:
            return overrides[suffix]
        return EXTENSIONS.get(suffix)


EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".tsv": "tsv", ".tab": "tsv", ".csv": "csv",
    ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff",
    ".po": "po", ".pot": "po",
    ".tmx": "tmx",
}
FORMATS = ("text", "markdown", "jsonl", "tsv", "csv", "xliff", "po", "tmx")


def _reader(name: str):
    from . import jsonl, markdown, tabular, text, translate

    return {"text": text.read, "markdown": markdown.read, "jsonl": jsonl.read,
            "tsv": tabular.read_tsv, "csv": tabular.read_csv,
            "xliff": translate.read, "po": translate.read, "tmx": translate.read}[name]


def read_units(path: str, options: ReadOptions | None = None) -> Iterator[Unit]:
    """The units of one file (`-` is standard input, read as text). Raises InputError."""
    options = options or ReadOptions()
    if path == "-":
        from . import text

        yield from text.read_stdin(options)
        return
    name = options.format_for(path)
    warnings: tuple[str, ...] = ()
    if name is None:
        if options.unknown == "skip":
            return
        name = "text"
        warnings = (f"{path}: unknown extension '{Path(path).suffix}', read as text",)
    for unit in _reader(name)(path, options):
        yield unit if not warnings else _with_warnings(unit, warnings)


def whole_file_unit(path: str, text: str, options: ReadOptions | None = None) -> Unit:
    """The unit `check` reviews for a text or Markdown file holding `text`: what `fix` reviews on
    each pass. Record formats are refused: their text is not the file's, so it cannot be edited
    in place."""
    if editable_format(path, options) == "markdown":
        from . import markdown

        return markdown.unit(path, text)
    return Unit(path, text)


def editable_format(path: str, options: ReadOptions | None = None) -> str:
    """`text` or `markdown`, the formats `fix` can edit in place; InputError for the others."""
    name = (options or ReadOptions()).format_for(path) if path not in ("-", "<stdin>") else "text"
    if name in (None, "text", "markdown"):
        return name or "text"
    raise InputError(path, f"{name} files are reviewed with `mtreview check`; `fix` edits text and Markdown files")


def _with_warnings(unit: Unit, warnings: tuple[str, ...]) -> Unit:
    from dataclasses import replace

    return replace(unit, warnings=unit.warnings + warnings)


def walk_suffixes(options: ReadOptions) -> tuple[str, ...]:
    """Extensions a directory walk picks up: every format that needs no option, and JSONL or
    TSV/CSV once their fields are given."""
    needs = {"jsonl": options.text_field, "tsv": options.target_column, "csv": options.target_column}
    table = {**EXTENSIONS, **dict(options.formats)}
    return tuple(sorted(suffix for suffix, name in table.items() if needs.get(name, True)))


def expand(paths, options: ReadOptions | None = None) -> list[tuple[str, InputError | None]]:
    """Files to read, in order, without the excluded ones; problems stay in place."""
    options = options or ReadOptions()
    return [(path, error) for path, error in expand_paths(paths, walk_suffixes(options))
            if error is not None or not is_excluded(path, options)]


def is_excluded(path: str, options: ReadOptions) -> bool:
    """A glob matches the path relative to the config's folder, or any folder above the file."""
    if not options.exclude or path == "-":
        return False
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(options.root))
    parts = Path(relative).as_posix().split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)] + [parts[-1]]
    return any(fnmatch.fnmatchcase(c, pattern.rstrip("/")) for c in candidates for pattern in options.exclude)


__all__ = ["Unit", "ReadOptions", "read_units", "expand", "is_excluded", "FORMATS", "EXTENSIONS",
           "InputError"]

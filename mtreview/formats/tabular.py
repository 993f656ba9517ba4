"""TSV and CSV: bilingual pairs, one per row. The target column is reviewed; the source column is
kept on the unit for bilingual checks. Columns are named by header or by 1-based number; the first
row is a header when a column is named by header. Read with the standard csv module."""
from __future__ import annotations

import csv
from typing import Iterator

from ..io import InputError, read_source
from . import ReadOptions, Unit


def read_tsv(path: str, options: ReadOptions) -> Iterator[Unit]:
    return _read(path, options, delimiter="\t")


def read_csv(path: str, options: ReadOptions) -> Iterator[Unit]:
    return _read(path, options, delimiter=",")


def _read(path: str, options: ReadOptions, delimiter: str) -> Iterator[Unit]:
    if not options.target_column:
        raise InputError(path, "a table needs --target-column (header name or 1-based number)")
    text = read_source(path, options.encoding).text
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    by_header = not _is_number(options.target_column) or (
        options.source_column is not None and not _is_number(options.source_column))
    header: list[str] | None = None
    try:
        if by_header:
            header = next(reader, None)
            if header is None:
                return
        target = _column(options.target_column, header, path, "--target-column")
        source = None if options.source_column is None else _column(
            options.source_column, header, path, "--source-column")
        line = reader.line_num + 1
        for row in reader:
            if row:
                if target >= len(row):
                    raise InputError(f"{path}:{line}", f"row has {len(row)} columns; no column {target + 1}")
                source_text = row[source] if source is not None and source < len(row) else None
                yield Unit(path, row[target], record=line, source=source_text)
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}", f"not valid {'TSV' if delimiter == chr(9) else 'CSV'} ({exc})") from None


def _is_number(value: str) -> bool:
    return value.isdigit() and int(value) >= 1


def _column(name: str, header: list[str] | None, path: str, option: str) -> int:
    if _is_number(name) and (header is None or name not in header):
        return int(name) - 1
    if header is None or name not in header:
        raise InputError(path, f"{option} '{name}' is not a column (header: {', '.join(header or [])})")
    return header.index(name)

"""JSONL: each line is a record; the text at `--text-field` (a dotted path, list items by number)
is one unit, numbered by its line in the file. Read line by line, never whole."""
from __future__ import annotations

import json
from typing import Iterator

from ..io import InputError
from . import ReadOptions, Unit

_MAX_LINE_CHARS = 100 * 1024 * 1024


def read(path: str, options: ReadOptions) -> Iterator[Unit]:
    if not options.text_field:
        raise InputError(path, "JSONL needs --text-field (the dotted path of the text to review)")
    keys = options.text_field.split(".")
    try:
        handle = open(path, encoding=options.encoding or "utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline(_MAX_LINE_CHARS)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}:{number + 1}", f"not valid {options.encoding or 'utf-8'} "
                                 f"(byte 0x{exc.object[exc.start]:02x}); give --encoding to read it") from None
            if not line:
                return
            number += 1
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"not a JSON record ({exc.msg}, column {exc.colno})") from None
            yield Unit(path, field_text(record, keys, f"{path}:{number}", options.text_field), record=number)


def field_text(record, keys: list[str], where: str, dotted: str) -> str:
    value = record
    for key in keys:
        if isinstance(value, dict) and key in value:
            value = value[key]
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            raise InputError(where, f"record has no field '{dotted}'")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(where, f"field '{dotted}' is {type(value).__name__}, not a string")
    return value

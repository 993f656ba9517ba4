"""XLIFF 1.2/2.0, PO and TMX through translate-toolkit: each translatable unit's target segment is
one unit (its source kept alongside), numbered by the line of the unit in the file."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..io import MAX_FILE_BYTES, InputError
from . import ReadOptions, Unit


def read(path: str, options: ReadOptions) -> Iterator[Unit]:
    store = _parse(path, options.format_for(path) or "xliff")
    for index, unit in enumerate(store.units, 1):
        if unit.isheader() or not unit.istranslatable():
            continue
        target = unit.target
        if target is None:
            continue
        yield Unit(path, str(target), record=_line(unit) or index, source=_plain(unit.source))


def _parse(path: str, name: str):
    try:
        from translate.storage import po, tmx, xliff, xliff2
    except ImportError:
        raise InputError(path, "reading XLIFF, PO and TMX needs translate-toolkit "
                               "(pip install 'mtreview[translate]')") from None
    file = Path(path)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise InputError(path, f"files over {MAX_FILE_BYTES // (1024 * 1024)} MiB are refused")
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    store_class = {"po": po.pofile, "tmx": tmx.tmxfile}.get(name, xliff.xlifffile)
    try:
        try:
            return store_class.parsestring(data)
        except ValueError as exc:
            if store_class is xliff.xlifffile and "XLIFF 2" in str(exc):
                return xliff2.Xliff2File.parsestring(data)
            raise
    except InputError:
        raise
    except Exception as exc:  # lxml, PO parser and toolkit errors all mean: not a valid file
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(path, f"not a valid {name.upper()} file ({message})") from None


def _line(unit) -> int | None:
    line = getattr(unit, "line_number", None)
    if not line:
        element = getattr(unit, "xmlelement", None)
        line = getattr(element, "sourceline", None)
    return line or None


def _plain(value) -> str | None:
    return None if value is None else str(value)

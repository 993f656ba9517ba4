"""Plain text: the whole file is one unit, offsets are the file's own."""
from __future__ import annotations

from typing import Iterator

from .. import io
from ..io import read_source
from . import ReadOptions, Unit


def read(path: str, options: ReadOptions) -> Iterator[Unit]:
    source = read_source(path, options.encoding)
    yield Unit(source.path, source.text)


def read_stdin(options: ReadOptions) -> Iterator[Unit]:
    source = io.read_stdin(options.encoding)
    yield Unit(source.path, source.text)

"""Compiled-pack cache: a Reviewer built once is kept, pickled, in the user cache directory, so that
the next run skips YAML parsing and rule compilation (most of a cold `mtreview check` on one
article).

An entry is named by a hash of everything that decides what the Reviewer is: the pack files (path
and bytes), the configuration, the mtreview version and its source files (an edited rule kind
invalidates it too), and the Python, `regex` and cloudpickle versions. A changed pack file gives a
new name, so a stale entry is never read; old entries are pruned. The cache is an optimisation
only: an unwritable directory, a corrupt or foreign entry, or a Reviewer that cannot be pickled
(a kind holding a live connection) means the Reviewer is simply built.

MTREVIEW_CACHE_DIR moves the cache; MTREVIEW_NO_CACHE=1 turns it off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

MAX_ENTRIES = 16
_PACKAGE_DIR = Path(__file__).resolve().parent
_SUFFIX = ".reviewer.pickle"


def cache_dir() -> Path | None:
    if os.environ.get("MTREVIEW_NO_CACHE", "") not in ("", "0"):
        return None
    configured = os.environ.get("MTREVIEW_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mtreview", appauthor=False))


def entry_key(files: Iterable[Path], settings: str) -> str:
    """The hash naming an entry: pack files, settings, and the code and versions that compiled it."""
    import cloudpickle
    import regex

    from . import __version__

    digest = hashlib.sha256()
    for part in (__version__, sys.version, sys.implementation.cache_tag, regex.__version__,
                 cloudpickle.__version__, settings):
        digest.update(str(part).encode() + b"\0")
    for source in sorted(_PACKAGE_DIR.rglob("*.py")):
        digest.update(source.relative_to(_PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(source.read_bytes() + b"\0")
    for path in files:
        digest.update(str(Path(path).resolve()).encode() + b"\0")
        digest.update(Path(path).read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def load_or_build(files: Iterable[Path], settings: str, build: Callable[[], T]) -> T:
    """The cached object for these pack files and settings, or `build()`, stored for next time."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / (entry_key(files, settings) + _SUFFIX)
    except OSError:  # a pack file vanished: let build() report it
        return build()
    cached = _read(path)
    if cached is not None:
        return cached
    built = build()
    _write(folder, path, built)
    return built


def _read(path: Path):
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # truncated, foreign or from an incompatible library: rebuild
        return None


def _write(folder: Path, path: Path, value) -> None:
    import cloudpickle

    try:
        data = cloudpickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # something in it cannot be pickled: it is rebuilt every run, as without a cache
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)  # readers see the old state or the whole entry, never half
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except OSError:  # unwritable or full: the cache is only an optimisation
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*" + _SUFFIX), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)


def clear() -> int:
    """Remove every entry; the number removed."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    for entry in folder.glob("*" + _SUFFIX):
        entry.unlink(missing_ok=True)
        removed += 1
    return removed

"""Baseline: today's findings recorded so that only new ones are reported and fail the run.

A finding's fingerprint is (path, rule, matched text, occurrence): the occurrence counts earlier
findings of the same rule and text in the same file. No line numbers or offsets, so the baseline
still matches after lines are inserted or removed elsewhere in the file. Paths are stored relative
to the baseline file's folder, so the baseline works from any working directory.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from .reports import FileResult
from .suppressions import rescored

VERSION = 1
Fingerprint = tuple[str, str, str, int]


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names it."""


def fingerprints(results: Iterable[FileResult], base: Path) -> Iterator[tuple[FileResult, object, Fingerprint]]:
    """(result, finding, fingerprint) for every finding, in output order."""
    seen: Counter = Counter()
    for result in results:
        if result.review is None:
            continue
        path = _relative(result.path, base)
        for finding in result.review.findings:
            key = (path, finding.rule, finding.text)
            yield result, finding, (*key, seen[key])
            seen[key] += 1


def write(file: str | Path, results: Iterable[FileResult]) -> int:
    """Record every finding of `results` in `file`; returns how many."""
    file = Path(file)
    base = file.resolve().parent
    entries = [{"path": p, "rule": r, "text": t, "occurrence": o}
               for _, _, (p, r, t, o) in fingerprints(results, base)]
    payload = {"mtreview_baseline": VERSION, "findings": entries}
    file.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(entries)


def load(file: str | Path) -> Counter:
    file = Path(file)
    try:
        payload = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(payload, dict) or payload.get("mtreview_baseline") != VERSION:
            raise ValueError(f"not an mtreview baseline (version {VERSION})")
        return Counter((e["path"], e["rule"], e["text"], int(e["occurrence"])) for e in payload["findings"])
    except FileNotFoundError:
        raise BaselineError(f"{file}: no such baseline file") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"{file}: not a valid baseline ({exc})") from None
    except OSError as exc:
        raise BaselineError(f"{file}: {exc.strerror or exc}") from None


def new_only(results: list[FileResult], file: str | Path) -> list[FileResult]:
    """The results with the findings recorded in the baseline removed (and rescored)."""
    known = load(file)
    base = Path(file).resolve().parent
    keep: dict[int, list] = {}
    for result, finding, fingerprint in fingerprints(results, base):
        if known[fingerprint] > 0:
            known[fingerprint] -= 1
        else:
            keep.setdefault(id(result), []).append(finding)
    return [result if result.review is None else
            replace(result, review=rescored(result.review, keep.get(id(result), [])))
            for result in results]


def _relative(path: str, base: Path) -> str:
    if path in ("-", "<stdin>"):
        return path
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()

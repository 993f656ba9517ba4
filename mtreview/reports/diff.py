"""Unified diff of what `fix` does, with `a/` `b/` headers that `git apply` and `patch -p1` accept.

The diff is plain text; colour is a separate pass (`colorize`) that the command line applies only
when standard output is a terminal, so tests and pipes always see the plain diff."""
from __future__ import annotations

import difflib

NO_NEWLINE = "\\ No newline at end of file\n"
_COLOURS = {"+": "\x1b[32m", "-": "\x1b[31m", "@": "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def unified_diff(path: str, before: str, after: str, context: int = 3) -> str:
    """The diff of one file; line terminators are kept as they are (CRLF stays CRLF)."""
    if before == after:
        return ""
    name = path.lstrip("/")
    out = []
    lines = difflib.unified_diff(_lines(before), _lines(after), f"a/{name}", f"b/{name}",
                                 n=context, lineterm="\n")
    for index, line in enumerate(lines):
        is_header = index < 2 or line.startswith("@@")
        out.append(line if is_header or line.endswith("\n") else line + "\n" + NO_NEWLINE)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines split at LF only, as git and patch do: a CR stays part of its line, so CRLF survives."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def render(files) -> str:
    """The diff of every changed file (anything with `path`, `original`, `fixed`), in order."""
    return "".join(unified_diff(f.path, f.original, f.fixed) for f in files if f.changed)


def colorize(diff: str) -> str:
    """ANSI colours over a plain diff: headers bold, hunks cyan, removals red, additions green."""
    out = []
    for line in _lines(diff):
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        if line.startswith(("---", "+++")):
            out.append(f"{_BOLD}{body}{_RESET}{ending}")
        elif body[:1] in _COLOURS:
            out.append(f"{_COLOURS[body[0]]}{body}{_RESET}{ending}")
        else:
            out.append(line)
    return "".join(out)

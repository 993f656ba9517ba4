"""Every kind of bad input, for `check`, `fix` and `report`: each case either gets a one-line error
naming the file (exit 2) or a correct review; a good file given in the same run is still
processed; and nothing is rewritten unless `fix` succeeded on it.

The table (CASES) says, per case, how to make the input and what must happen. An unreadable file
cannot be made with chmod as root (the suite may run as root), so `os.open` is made to refuse that
one path; when the suite runs as another user, a real chmod 000 file is tested too."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from mtreview.cli import main
from mtreview.io import MAX_FILE_BYTES

COMPANION = "The the delegates arrived.\n"           # the good file given in every run
COMPANION_FIXED = "The delegates arrived.\n"
TEN_MB = 10 * 1024 * 1024
LONG_LINE = "Over 10000 people came. " + "A" * TEN_MB + " Over 20000 came."


@dataclass
class Case:
    id: str
    make: Callable[[Path], Path]              # builds the input in tmp_path, returns its path
    error: str | None = None                  # the problem named in the one-line error
    encoding: str | None = None               # --encoding
    findings: tuple[tuple[str, int, int, str], ...] = ()   # (rule, line, column, text) expected
    fixed: bytes | None = None                # bytes after `fix`; None: the file must not change
    select: str | None = None                 # --select: fewer rules where all would be slow


def write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path
    return make


def missing(tmp_path):
    return tmp_path / "missing.txt"


def empty_directory(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "image.png").write_bytes(b"\x89PNG")
    return tmp_path / "folder"


def huge_sparse(tmp_path):
    """200 MiB in no time and no disk: a sparse file (the size is refused before any read)."""
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.write(b"Over 10000 people came.\n")
        handle.truncate(200 * 1024 * 1024)
    return path


def symlink_loop(tmp_path):
    path = tmp_path / "loop.txt"
    path.symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(path)
    return path


def fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)       # opening it for reading would block forever without a writer
    return path


UNREADABLE = "unreadable.txt"


def unreadable(tmp_path):
    path = tmp_path / UNREADABLE
    path.write_bytes(b"Over 10000 people came.\n")
    return path


def utf16(text: str) -> bytes:
    return text.encode("utf-16")    # with a BOM


MIXED = "One.\nTwo.\r\nThree.\rOver 10000 came.\n"
ASTRAL = "\U0001F469\u200d\U0001F4BB Cafe\u0301 \U0001D518\U0001D51E over 10000 people.\n"

CASES = [
    Case("missing path", missing, error="no such file or directory"),
    Case("directory without text files", empty_directory, error="directory holds no text files"),
    Case("empty file", write("empty.txt", b""), fixed=None),
    Case("whitespace-only file", write("blank.txt", b" \n\t\n   \r\n"), fixed=None),
    Case("binary file", write("binary.txt", b"Over 10000\x00\x01\x02 people\n"),
         error="binary file (contains NUL bytes); not reviewed"),
    Case("invalid UTF-8", write("latin.txt", b"Caf\xe9 au lait for 10000 people.\n"),
         error="not valid utf-8 (byte 0xe9 at offset 3); give --encoding to read it"),
    Case("Latin-1 with --encoding", write("latin.txt", b"Caf\xe9 au lait for 10000 people.\n"),
         encoding="latin-1", findings=(("core/number-without-separators", 1, 18, "10000"),),
         fixed=b"Caf\xe9 au lait for 10,000 people.\n"),
    Case("UTF-8 BOM read with another --encoding", write("bom.txt", b"\xef\xbb\xbf%Th \r"), encoding="gb18030",
         error="not valid gb18030 (byte 0xbf at offset 2); not reviewed"),
    Case("UTF-16 with BOM", write("utf16.txt", utf16("Over 10000 people came.\r\n")),
         findings=(("core/number-without-separators", 1, 6, "10000"),),
         fixed=utf16("Over 10,000 people came.\r\n")),
    Case("CRLF", write("crlf.txt", b"First line.\r\nOver 10000 people came.\r\n"),
         findings=(("core/number-without-separators", 2, 6, "10000"),),
         fixed=b"First line.\r\nOver 10,000 people came.\r\n"),
    Case("mixed line endings", write("mixed.txt", MIXED.encode()),
         findings=(("core/number-without-separators", 4, 6, "10000"),),
         fixed=MIXED.replace("10000", "10,000").encode()),
    Case("astral, combining, ZWJ", write("astral.txt", ASTRAL.encode()),
         findings=(("core/number-without-separators", 1, ASTRAL.index("10000") + 1, "10000"),),
         fixed=ASTRAL.replace("10000", "10,000").encode()),
    # the reading, offsets and writing of a 10 MB line are under test here, not the speed of every
    # rule (bench/ measures that), so two rules run
    Case("10 MB single line", write("long.txt", LONG_LINE.encode()),
         findings=(("core/number-without-separators", 1, 6, "10000"),
                   ("core/number-without-separators", 1, LONG_LINE.index("20000") + 1, "20000")),
         fixed=LONG_LINE.replace("10000", "10,000").replace("20000", "20,000").encode(),
         select="core/number"),
    Case("200 MB file", huge_sparse,
         error=f"{200 * 1024 * 1024} bytes; files over {MAX_FILE_BYTES // (1024 * 1024)} MiB are refused"),
    Case("symlink loop", symlink_loop, error="broken or looping symbolic link"),
    Case("FIFO", fifo, error="not a regular file (a FIFO, device or socket); not reviewed"),
    Case("unreadable file", unreadable, error="permission denied"),
]


@pytest.fixture
def deny_unreadable(monkeypatch):
    """Reading the file named UNREADABLE fails as it would without read permission."""
    real_open = os.open

    def guarded_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith(UNREADABLE) and not flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def snapshot(path: Path):
    """Bytes and mtime of a regular file (None for anything else), to prove nothing was rewritten."""
    if path.is_symlink() or not path.is_file() or path.stat().st_size > TEN_MB * 2:
        return None if not path.is_file() or path.is_symlink() else path.stat().st_mtime_ns
    return path.read_bytes(), path.stat().st_mtime_ns


def setup(tmp_path, case: Case):
    path = case.make(tmp_path)
    companion = tmp_path / "companion.txt"
    companion.write_text(COMPANION, encoding="utf-8")
    options = ["--encoding", case.encoding] if case.encoding else []
    if case.select:
        options += ["--select", f"{case.select},core/doubled-word"]
    return path, companion, options


def assert_one_line_error(result, path: Path, problem: str):
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {path}: {problem}"), result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_check(tmp_path, case, deny_unreadable):
    path, companion, options = setup(tmp_path, case)
    result = invoke("check", "--format", "json", *options, path, companion)
    payload = json.loads(result.stdout)
    bad, good = payload["files"][0], payload["files"][-1]
    assert good["path"] == str(companion)
    assert [f["rule"] for f in good["findings"]] == ["core/doubled-word"]
    if case.error:
        assert_one_line_error(result, path, case.error)
        assert set(bad) == {"path", "error"} and bad["error"].startswith(f"{path}: {case.error}")
        return
    assert result.exit_code == 0, result.output       # only minor findings
    got = [(f["rule"], f["line"], f["column"], f["text"]) for f in bad["findings"]]
    assert got == list(case.findings)
    assert bad["warnings"] == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fix(tmp_path, case, deny_unreadable):
    path, companion, options = setup(tmp_path, case)
    before = snapshot(path)
    result = invoke("fix", *options, path, companion)
    assert companion.read_text(encoding="utf-8") == COMPANION_FIXED
    if case.error:
        assert_one_line_error(result, path, case.error)
    else:
        assert result.exit_code == 1, result.output     # the companion changed
        assert "error" not in result.output
    if case.fixed is None:
        assert snapshot(path) == before
    else:
        assert path.read_bytes() == case.fixed


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_report(tmp_path, case, deny_unreadable):
    path, companion, options = setup(tmp_path, case)
    before = snapshot(path)
    page = tmp_path / "review.html"
    result = invoke("report", "-o", page, *options, path, companion)
    html = page.read_text(encoding="utf-8")
    assert "companion.txt" in html and "delegates" in html
    assert snapshot(path) == before
    if case.error:
        assert_one_line_error(result, path, case.error)
    else:
        assert result.exit_code == 0, result.output
        for _, _, _, text in case.findings:
            assert text in html


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file; simulated above instead")
def test_really_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Over 10000 people came.\n", encoding="utf-8")
    path.chmod(0)
    result = invoke("check", path)
    assert_one_line_error(result, path, "permission denied")


def test_a_device_is_refused_not_read_forever(tmp_path):
    """/dev/zero never ends: it is refused before reading, not read until memory runs out."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    for command in (["check"], ["fix"], ["report", "-o", tmp_path / "r.html"]):
        result = invoke(*command, "/dev/zero")
        assert_one_line_error(result, Path("/dev/zero"), "not a regular file (a FIFO, device or socket); not reviewed")


def test_standard_input_is_read_in_bounded_memory(monkeypatch):
    """More than the limit on standard input is refused after reading limit + 1 bytes."""
    from mtreview import io

    monkeypatch.setattr(io, "MAX_FILE_BYTES", 1000)
    result = CliRunner().invoke(main, ["check", "-"], input="Over 10000 people came. " * 100)
    assert result.exit_code == 2
    assert "error: <stdin>: more than 1000 bytes; larger inputs are refused" in result.stderr


def test_report_never_overwrites_an_input(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(COMPANION, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(article)
    for output in (article, tmp_path / "link.txt"):
        result = invoke("report", "-o", output, tmp_path)
        assert_one_line_error(result, output, "is one of the inputs; the report would overwrite it")
        assert article.read_text(encoding="utf-8") == COMPANION


def test_a_file_that_changes_while_fix_runs_is_not_overwritten(tmp_path, monkeypatch):
    """fix reads the file, another program writes it, fix finishes: the other program's bytes
    stay, fix says so in one line and exits 2, and no temporary file is left."""
    from mtreview import fixing

    path = tmp_path / "article.txt"
    path.write_text("Over 10000 people came.\n", encoding="utf-8")
    companion = tmp_path / "companion.txt"
    companion.write_text(COMPANION, encoding="utf-8")
    real_fix_text = fixing.fix_text

    def fix_while_someone_edits(reviewer, text, **kwargs):
        result = real_fix_text(reviewer, text, **kwargs)
        if "10000" in text:
            path.write_text("An editor's own change.\n", encoding="utf-8")
        return result

    monkeypatch.setattr(fixing, "fix_text", fix_while_someone_edits)
    result = invoke("fix", path, companion)
    assert path.read_text(encoding="utf-8") == "An editor's own change.\n"
    assert companion.read_text(encoding="utf-8") == COMPANION_FIXED
    assert_one_line_error(result, path, "not written: changed on disk while being fixed (run fix again)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "companion.txt"]

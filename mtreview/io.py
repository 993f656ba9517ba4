"""Read and write article files without losing a byte: encoding, BOM and line endings are kept."""
from __future__ import annotations

import codecs
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MAX_FILE_BYTES = 100 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class InputError(Exception):
    """A file that cannot be reviewed; the message names it and says why, in one line."""

    def __init__(self, path: str | Path, problem: str):
        self.path, self.problem = str(path), problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class Source:
    """A decoded text and what is needed to write it back byte for byte."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    digest: str | None = None  # of the bytes read: `fix` writes back only over the same bytes

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, path: str, encoding: str | None = None) -> Source:
    bom, detected = b"", None
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, detected = mark, name
            break
    body = data[len(bom):]
    chosen = encoding or detected or "utf-8"
    try:
        codecs.lookup(chosen)  # bytes.decode skips the lookup for empty input
    except LookupError:
        raise InputError(path, f"unknown encoding '{chosen}'") from None
    if detected is None and encoding is None and b"\x00" in body[:8192]:
        raise InputError(path, "binary file (contains NUL bytes); not reviewed")
    if detected and encoding and codecs.lookup(encoding).name != codecs.lookup(detected).name:
        bom, body = b"", data  # the user asked for another codec: the BOM bytes are text in it
    try:
        text = body.decode(chosen)
    except UnicodeDecodeError as exc:
        advice = "not reviewed" if encoding else "give --encoding to read it"
        raise InputError(path, f"not valid {chosen} (byte 0x{body[exc.start]:02x} at offset "
                               f"{exc.start + len(bom)}); {advice}") from None
    except LookupError:
        raise InputError(path, f"unknown encoding '{chosen}'") from None
    return Source(path, text, chosen, bom, digest_of(data))


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ChangedOnDisk(OSError):
    """The file no longer holds the bytes that were read: another program wrote it meanwhile."""


def _too_large(path, size: int) -> InputError:
    return InputError(path, f"{size} bytes; files over {MAX_FILE_BYTES // (1024 * 1024)} MiB are refused")


def _not_regular(path, mode: int) -> InputError | None:
    if stat.S_ISDIR(mode):
        return InputError(path, "is a directory")
    if not stat.S_ISREG(mode):
        return InputError(path, "not a regular file (a FIFO, device or socket); not reviewed")
    return None


def read_bounded(stream, path, limit: int | None = None) -> bytes:
    """At most `limit` bytes from a stream (a file that grows while read, standard input, a pipe
    that never ends): memory stays bounded, and more than the limit is refused."""
    limit = MAX_FILE_BYTES if limit is None else limit
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(path, f"more than {limit} bytes; larger inputs are refused")
    return data


def read_stdin(encoding: str | None = None) -> Source:
    import sys

    return decode(read_bounded(sys.stdin.buffer, "<stdin>"), "<stdin>", encoding)


def read_source(path: str | Path, encoding: str | None = None) -> Source:
    """Read a regular file of at most MAX_FILE_BYTES. It is opened without blocking and checked
    after opening, so a FIFO or device swapped in for it can neither hang nor flood the run."""
    path = Path(path)
    try:
        problem = _not_regular(path, os.stat(path).st_mode)
        if problem:
            raise problem
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            opened = os.fstat(handle.fileno())
            problem = _not_regular(path, opened.st_mode)
            if problem:
                raise problem
            if opened.st_size > MAX_FILE_BYTES:  # a file still growing is caught by read_bounded
                raise _too_large(path, opened.st_size)
            data = read_bounded(handle, path)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    return decode(data, str(path), encoding)


def expand_paths(paths, suffixes=TEXT_SUFFIXES) -> list[tuple[str, InputError | None]]:
    """Files to review, in order: directories are walked for text files; problems are kept in place
    so that one bad path does not stop the others."""
    result: list[tuple[str, InputError | None]] = []
    for raw in paths:
        if raw == "-":
            result.append(("-", None))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes and p.is_file())
            if not found:
                result.append((raw, InputError(raw, f"directory holds no text files ({', '.join(suffixes)})")))
            result.extend((str(p), None) for p in found)
        elif not path.exists():
            error = InputError(raw, "no such file or directory") if not path.is_symlink() else \
                InputError(raw, "broken or looping symbolic link")
            result.append((raw, error))
        elif not path.is_file():
            result.append((raw, InputError(raw, "not a regular file (a FIFO, device or socket); not reviewed")))
        else:
            result.append((raw, None))
    return result


def is_one_of(path: str, others) -> bool:
    """Whether `path` names the same file as one of `others` (an output that would overwrite an
    input); `-` and paths that do not exist are none of them."""
    if path == "-" or not os.path.exists(path):
        return False
    for other in others:
        try:
            if other != "-" and os.path.samefile(path, other):
                return True
        except OSError:
            continue
    return False


def write_atomic(path: str | Path, data: bytes, expected_digest: str | None = None) -> None:
    """Write through a temporary file in the same folder and rename it over the original, keeping
    the original's permissions: a crash leaves either the old file or the new one, never a mix.
    With `expected_digest`, the original is read again just before the rename and left alone
    (ChangedOnDisk) if another program changed it since it was read."""
    path = Path(path)
    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".mtreview", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        try:
            owner = target.stat()
            os.chown(temp, owner.st_uid, owner.st_gid)
        except (PermissionError, AttributeError):
            pass
        if expected_digest is not None and digest_of(target.read_bytes()) != expected_digest:
            raise ChangedOnDisk("changed on disk while being fixed (run fix again)")
        os.replace(temp, target)
        _sync_directory(target.parent)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise


def _sync_directory(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can open a directory)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

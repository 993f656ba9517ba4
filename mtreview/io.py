"""Read and write article files without losing a byte: encoding, BOM and line endings are kept."""
from __future__ import annotations

import codecs
import os
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
    if detected is None and encoding is None and b"\x00" in body[:8192]:
        raise InputError(path, "binary file (contains NUL bytes); not reviewed")
    try:
        text = body.decode(chosen)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {chosen} (byte 0x{body[exc.start]:02x} at offset "
                               f"{exc.start + len(bom)}); give --encoding to read it") from None
    except LookupError:
        raise InputError(path, f"unknown encoding '{chosen}'") from None
    if detected and encoding and codecs.lookup(encoding).name != codecs.lookup(detected).name:
        bom = b""  # the user asked for another codec: the BOM bytes were part of the text
        text = data.decode(chosen, errors="strict")
    return Source(path, text, chosen, bom)


def read_source(path: str | Path, encoding: str | None = None) -> Source:
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(path, "is a directory")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"{size} bytes; files over {MAX_FILE_BYTES // (1024 * 1024)} MiB are refused")
        data = path.read_bytes()
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
        else:
            result.append((raw, None))
    return result


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it over the original, keeping
    the original's permissions: a crash leaves either the old file or the new one, never a mix."""
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
            stat = target.stat()
            os.chown(temp, stat.st_uid, stat.st_gid)
        except (PermissionError, AttributeError):
            pass
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise

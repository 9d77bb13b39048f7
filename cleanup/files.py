"""Reading and writing article files without losing a byte.

Text is decoded as UTF-8 (or a given encoding) without newline translation; a
UTF-8 BOM is set aside and restored on write. Writes are atomic: a temporary
file in the same directory, flushed and renamed over the original, with its
mode kept. A file being fixed is locked so two processes never interleave.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import fcntl
import fnmatch
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cleanup.document import Markup

__all__ = [
    "BinaryFileError",
    "InputError",
    "SourceFile",
    "decode",
    "is_binary",
    "iter_paths",
    "markup_for",
    "read_bytes",
    "read_source",
    "rewrite_atomically",
    "same_file",
    "write_atomically",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_MARKUP = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".html": "html", ".htm": "html"}
_SNIFF = 8192


class InputError(Exception):
    """A file that cannot be processed; the message names it and says why."""


class BinaryFileError(InputError):
    """A binary file: skipped with a notice."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A decoded file: its text, and what is needed to write it back byte for byte."""

    path: str
    text: str
    bom: bool = False
    encoding: str = "utf-8"

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return _BOM_OF.get(self.encoding, b"") + data if self.bom else data


def markup_for(path: str) -> Markup:
    """The markup of a file, from its suffix.

    >>> markup_for("a/b.md"), markup_for("x.html"), markup_for("notes.txt")
    ('markdown', 'html', 'text')
    """
    suffix = os.path.splitext(path)[1].lower()
    value = _MARKUP.get(suffix, "text")
    return "markdown" if value == "markdown" else "html" if value == "html" else "text"


def decode(data: bytes, path: str, encoding: str | None = None) -> SourceFile:
    """Decode file bytes; binary data and invalid UTF-8 raise with a clear reason.

    ``encoding``, when given, is used as is. Otherwise a UTF-32 or UTF-16 BOM
    selects that encoding, and anything else is UTF-8 (a UTF-8 BOM is set
    aside). Binary is decided by ``is_binary`` on the first 8 KB.

    >>> decode(b"\\xef\\xbb\\xbfHi\\r\\n", "a.txt")
    SourceFile(path='a.txt', text='Hi\\r\\n', bom=True, encoding='utf-8')
    >>> decode("Hi".encode("utf-16"), "a.txt").text
    'Hi'
    >>> decode(b"caf\\xe9", "a.txt")
    Traceback (most recent call last):
    ...
    cleanup.files.InputError: a.txt: not valid UTF-8 (byte 0xe9 at offset 3); pass --encoding to read it
    """
    if encoding and _codec(encoding) != "utf-8":
        try:
            return SourceFile(path, data.decode(encoding), False, encoding)
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(f"{path}: cannot decode as {encoding}: {e}") from None
    for bom_bytes, name in _BOMS:
        if data.startswith(bom_bytes):
            try:
                return SourceFile(path, data[len(bom_bytes) :].decode(name), True, name)
            except UnicodeDecodeError as e:
                raise InputError(
                    f"{path}: starts with a {name.upper()} byte order mark but is not {name}: {e}"
                ) from None
    if is_binary(data[:_SNIFF]):
        raise BinaryFileError(f"{path}: binary file, skipped")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return SourceFile(path, body.decode("utf-8"), bom)
    except UnicodeDecodeError as e:
        offset = e.start + (3 if bom else 0)
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{body[e.start]:02x} at offset {offset}); pass --encoding to read it"
        ) from None


_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {"utf-8": codecs.BOM_UTF8, **{name: bom for bom, name in _BOMS}}
BINARY_SHARE = 0.3
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\b\x1b")


def is_binary(sample: bytes) -> bool:
    """Binary: the sample holds a NUL *and* over 30 % of its bytes are not text.

    Bytes that are not text are C0 control bytes other than tab, line feed, carriage
    return, form feed, vertical tab, backspace and escape, and bytes outside valid
    UTF-8. A few NULs or control
    bytes in prose are text, for the encoding rules to flag.

    >>> is_binary(b"Hi.Then\\0 x,, y.\\0\\n"), is_binary(b"a\\0b\\0c\\0")
    (False, True)
    >>> is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\0\\0\\0\\rIHDR\\0\\0\\x01\\xe0")
    True
    """
    if b"\x00" not in sample:
        return False
    odd = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    odd += _invalid_utf8_bytes(sample)
    return odd > BINARY_SHARE * len(sample)


def _invalid_utf8_bytes(sample: bytes) -> int:
    return sum(1 for c in sample.decode("utf-8", "surrogateescape") if "\udc80" <= c <= "\udcff")


def _codec(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def read_source(path: str, encoding: str | None = None) -> SourceFile:
    """Read and decode a file; ``-`` is standard input."""
    return decode(read_bytes(path), path, encoding)


def read_bytes(path: str) -> bytes:
    """The bytes of a file (``-``: standard input); errors raise ``InputError`` naming it."""
    try:
        if path == "-":
            import sys

            return sys.stdin.buffer.read()
        with open(path, "rb") as f:
            return f.read()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None


def rewrite_atomically(
    path: str, transform: Callable[[SourceFile], str | None], encoding: str | None = None, force: bool = False
) -> bool:
    """Lock ``path``, read it, and replace it atomically with ``transform``'s text.

    ``transform`` returns the new text, or None to leave the file alone. If it
    raises, the file is untouched. Returns True when the file was rewritten.
    A symbolic link stays a link: its target is rewritten. Owner, group and mode
    are kept (owner and group where permitted). A read-only file is refused
    unless ``force``. A file with several hard links is rewritten in place,
    under the lock, so that every name sees the new text.
    """
    target = os.path.realpath(path)
    while True:
        try:
            fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the run
        except OSError as e:
            raise InputError(f"{path}: cannot open: {e.strerror or e}") from None
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError(f"{path}: not a regular file, cannot fix it in place")
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                if os.stat(target).st_ino != st.st_ino:
                    continue  # replaced while we waited for the lock: lock the new file
            except FileNotFoundError:
                raise InputError(f"{path}: vanished while being fixed") from None
            source = decode(handle.read(), path, encoding)
            new = transform(source)
            if new is None or new == source.text:
                return False
            if not force and _read_only(target, st):
                raise InputError(f"{path}: read-only file, not fixed (--force to fix it anyway)")
            data = source.encode(new)
            try:
                if st.st_nlink > 1:
                    _overwrite(target, data)
                else:
                    _replace(target, data, st.st_mode, (st.st_uid, st.st_gid))
            except OSError as e:  # read-only directory, disk full: the original is untouched
                raise InputError(f"{path}: cannot write: {e.strerror or e}") from None
            return True


def _read_only(path: str, st: os.stat_result) -> bool:
    """No write permission bit at all, or none for us (root has every permission)."""
    return not st.st_mode & 0o222 or not os.access(path, os.W_OK)


def _overwrite(path: str, data: bytes) -> None:
    """Write over a file's bytes, keeping its inode (and so its other hard links)."""
    with open(path, "r+b") as out:
        out.write(data)
        out.truncate()
        out.flush()
        os.fsync(out.fileno())


def write_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it; an existing file keeps its mode.

    On any error ``path`` is left as it was and the temporary file is removed.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    _replace(path, data, mode)


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (through links, hard links or ``..``).

    >>> same_file("/", "/.."), same_file("/", "/no/such/file")
    (True, False)
    """
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def _replace(path: str, data: bytes, mode: int, owner: tuple[int, int] | None = None) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".cleanup-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if owner is not None and owner != (os.getuid(), os.getgid()):
            with contextlib.suppress(PermissionError):  # keep what we may: the group, often
                os.chown(tmp, owner[0], owner[1])
            with contextlib.suppress(PermissionError):
                os.chown(tmp, -1, owner[1])
        os.chmod(tmp, stat.S_IMODE(mode))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def iter_paths(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[tuple[str, InputError | None]]:
    """Expand directories into their text and Markdown files; honour ``exclude`` everywhere.

    Yields ``(path, None)`` or ``(path, error)``. Symlink loops and unreadable
    directories become errors, not crashes.
    """
    patterns = tuple(p.rstrip("/") or p for p in exclude)  # `sub/` names the directory `sub`
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        if raw == "-":
            yield raw, None
            continue
        if _excluded(raw, patterns):
            continue
        p = Path(raw)
        if not p.is_dir():
            problem = _not_a_file(raw)
            yield raw, InputError(f"{raw}: {problem}") if problem and problem != "special" else None
            continue
        errors: list[OSError] = []
        for root, dirs, files in os.walk(raw, onerror=errors.append, followlinks=True):
            try:
                st = os.stat(root)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) in seen:
                dirs[:] = []
                yield root, InputError(f"{root}: symbolic link loop, skipped")
                continue
            seen.add((st.st_dev, st.st_ino))
            dirs[:] = sorted(
                d for d in dirs if not d.startswith(".") and not _excluded(os.path.join(root, d), patterns)
            )
            for name in sorted(files):
                full = os.path.join(root, name)
                if os.path.splitext(name)[1].lower() in TEXT_SUFFIXES and not _excluded(full, patterns):
                    problem = _not_a_file(full)
                    if problem != "special":  # FIFOs, sockets, devices: not files; reading one may hang
                        yield full, InputError(f"{full}: {problem}") if problem else None
        for e in errors:
            yield str(e.filename), InputError(f"{e.filename}: cannot read directory: {e.strerror}")


def _not_a_file(path: str) -> str | None:
    """Why ``path`` cannot be read as a file, or None; ``"special"`` for a FIFO, socket or device."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "broken symbolic link" if os.path.islink(path) else "no such file or directory"
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop, skipped"
        return f"cannot read: {e.strerror or e}"
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "special"


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    """Whether a pattern matches the path, one of its parts, or a tail of it (``sub/*``)."""
    parts = os.path.normpath(path).split(os.sep)
    tails = ["/".join(parts[i:]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(tail, pat) for pat in patterns for tail in (*tails, *parts))

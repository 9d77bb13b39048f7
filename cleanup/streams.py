"""Byte streams for record files: ``-`` for stdin/stdout, gzip and zstd by suffix, atomic output.

An output file is written to a temporary file beside it and renamed over the
target only when the run completes, so an interrupted run leaves nothing
half-written (the target keeps its old content, or does not appear).
"""

from __future__ import annotations

import contextlib
import gzip
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO, cast

__all__ = ["CompressionUnavailableError", "InputStream", "StreamError", "atomic_output", "compression_for"]

_ZSTD_SUFFIXES = (".zst", ".zstd")


class CompressionUnavailableError(Exception):
    """A zstd file, and no zstd codec installed."""


class StreamError(OSError):
    """An input that cannot be read to its end: truncated or corrupt compressed data."""


def compression_for(path: str) -> str | None:
    """``gzip``, ``zstd`` or None, from the file name.

    >>> compression_for("a.jsonl.gz"), compression_for("a.jsonl.zst"), compression_for("a.jsonl")
    ('gzip', 'zstd', None)
    """
    lower = path.lower()
    if lower.endswith(".gz"):
        return "gzip"
    if lower.endswith(_ZSTD_SUFFIXES):
        return "zstd"
    return None


def _zstd() -> object:
    """The zstd codec: the standard library's (Python 3.14+) or the ``zstandard`` package."""
    with contextlib.suppress(ImportError):
        from compression import zstd  # type: ignore[import-not-found]

        return zstd
    try:
        import zstandard
    except ImportError:
        raise CompressionUnavailableError(".zst files need zstandard: pip install 'cleanup[zstd]'") from None
    return zstandard


def _zstd_lines(raw: BinaryIO) -> Iterator[bytes]:
    """The lines of zstd data, every frame; data cut inside a frame raises EOFError."""
    codec = _zstd()
    if hasattr(codec, "ZstdFile"):
        with codec.ZstdFile(raw, "rb") as f:
            yield from f
        return
    dctx = codec.ZstdDecompressor()  # type: ignore[attr-defined]
    frame, inside = dctx.decompressobj(), False
    pending: list[bytes] = []
    while chunk := raw.read(1 << 16):
        while chunk:
            inside = True
            pieces = frame.decompress(chunk).split(b"\n")
            for piece in pieces[:-1]:
                yield b"".join([*pending, piece, b"\n"])
                pending = []
            pending.append(pieces[-1])
            chunk = b""
            if frame.eof:  # the next frame, if any, starts in the unused data
                chunk, frame, inside = frame.unused_data, dctx.decompressobj(), False
    if inside:
        raise EOFError("compressed data ends inside a frame (truncated file?)")
    if any(pending):
        yield b"".join(pending)


def _zstd_writer(raw: BinaryIO) -> BinaryIO:
    codec = _zstd()
    if hasattr(codec, "ZstdFile"):
        return cast(BinaryIO, codec.ZstdFile(raw, "wb"))
    return cast(BinaryIO, codec.ZstdCompressor().stream_writer(raw, closefd=False))  # type: ignore[attr-defined]


class InputStream:
    """Lines of a (possibly compressed) file or of stdin, with how far the raw bytes are read."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._raw: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
        self._read = 0
        try:
            kind = compression_for(path)
            if kind == "gzip":
                self._lines: Iterable[bytes] = cast(BinaryIO, gzip.GzipFile(fileobj=self._raw, mode="rb"))
            elif kind == "zstd":
                self._lines = _zstd_lines(self._raw)
            else:
                self._lines = self._raw
        except BaseException:
            self.close()
            raise

    @property
    def size(self) -> int | None:
        """Bytes in the file as stored (compressed), or None for stdin and pipes."""
        if self.path == "-":
            return None
        with contextlib.suppress(OSError):
            st = os.fstat(self._raw.fileno())
            if st.st_size:
                return st.st_size
        return None

    def position(self) -> int:
        """Raw (compressed) bytes consumed so far; for a pipe, the bytes of the lines read."""
        try:
            return self._raw.tell()
        except (OSError, ValueError):
            return self._read

    def __iter__(self) -> Iterator[bytes]:
        try:
            for line in self._lines:
                self._read += len(line)
                yield line
        except (OSError, EOFError) as e:
            raise StreamError(f"{self.path}: cannot read: {e}") from None
        except Exception as e:  # the zstd codec's own error type
            if type(e).__module__.split(".")[0] not in ("zstandard", "compression", "_zstd"):
                raise
            raise StreamError(f"{self.path}: cannot read: {e}") from None

    def close(self) -> None:
        if isinstance(self._lines, gzip.GzipFile):
            self._lines.close()
        if self._raw is not sys.stdin.buffer:
            self._raw.close()

    def __enter__(self) -> InputStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[BinaryIO]:
    """A binary stream to ``path`` (``-``: stdout), compressed by suffix, in place only on success.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl.gz"
    >>> with atomic_output(str(target)) as out:
    ...     _ = out.write(b'{"id": 1}\\n')
    >>> gzip.decompress(target.read_bytes())
    b'{"id": 1}\\n'
    """
    if path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as raw:
            kind = compression_for(path)
            stream: BinaryIO = (
                cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0))
                if kind == "gzip"
                else _zstd_writer(raw)
                if kind == "zstd"
                else raw
            )
            yield stream
            if stream is not raw:
                stream.close()
            raw.flush()
            os.fsync(raw.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise

"""The limits every import works within, checked before any heavy work.

One byte cap for a file as it arrives (web upload or command line), one cap for what a file
unpacks to (a `.gz` on the command line, the parts of an `.xlsx`), one row cap and one field cap.
The web refuses compressed files outright; the command line reads `.gz` only, as a stream, and
stops at the unpacked cap. An XLSX is a zip archive and is read only as XLSX, by its own reader.

Why these numbers: the largest shipped file is 5.6 MB packed and 36 MB unpacked (RIVM daily
figures); the largest shipped delimited file has 17,342 rows and lines of 2,148 characters; a
signal narrative holds at most 1,000 characters.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .base import ImportProblem, ImportRejected

MAX_FILE_BYTES: int = settings.UPLOAD_MAX_BYTES  # one file as uploaded or on the command line
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a .gz on the command line, or an .xlsx, unpacked
MAX_ROWS = 200_000  # data rows in one file
MAX_FIELD_CHARS = 10_000  # one cell of a delimited file (well below csv's own 128 KB limit)
MAX_LINE_CHARS = 1_000_000  # one line of a delimited file, so one row cannot hold millions of cells

TOO_LARGE = _("Het bestand is groter dan %(mb)d MB; splits het bestand.")
UNPACKED_TOO_LARGE = _("Het bestand is uitgepakt groter dan %(mb)d MB; splits het bestand.")
COMPRESSED_ON_THE_WEB = _(
    "Dit is een gecomprimeerd bestand (%(kind)s); pak het eerst uit en upload het bestand zelf."
)
COMPRESSED_NOT_GZIP = _(
    "Dit is een gecomprimeerd bestand (%(kind)s); alleen .gz wordt gelezen. Pak het eerst uit."
)
UNREADABLE = _("Het bestand kan niet gelezen worden (kapot of afgebroken gecomprimeerd bestand).")
TOO_MANY_ROWS = _("Het bestand heeft meer dan %(rows)s gegevensregels; splits het bestand.")
FIELD_TOO_LONG = _("Het veld is langer dan %(chars)s tekens.")
LINE_TOO_LONG = _("De regel is langer dan %(chars)s tekens.")
NUL_CHARACTER = _("De regel bevat een NUL-teken; dat kan niet in een tekstbestand.")

# First bytes of compressed formats; a zip is also an XLSX, accepted only under that name.
MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"PK\x07\x08", "zip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
SUFFIXES = {
    ".gz": "gzip",
    ".tgz": "gzip",
    ".zip": "zip",
    ".bz2": "bzip2",
    ".xz": "xz",
    ".7z": "7z",
    ".zst": "zstd",
    ".tar": "tar",
}


def dutch_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def rejected(message: str, file: str, row: int | None = None) -> ImportRejected:
    return ImportRejected([ImportProblem(message, file=file, row=row)])


def compression_of(name: str, head: bytes) -> str | None:
    """The compressed format a file is in, judged by its name and its first bytes, or None.
    An XLSX (a zip archive) named .xlsx counts as not compressed: its reader checks it."""
    suffix = Path(name).suffix.lower()
    kind = SUFFIXES.get(suffix) or next((k for magic, k in MAGIC if head.startswith(magic)), None)
    if kind is None and head[:3] == b"BZh" and head[3:4].isdigit():
        kind = "bzip2"
    if kind == "zip" and suffix == ".xlsx":
        return None
    return kind


def upload_check(*, name: str, size: int, head: bytes) -> None:
    """What the web accepts before a byte is copied: not too large, not compressed."""
    if size > MAX_FILE_BYTES:
        raise rejected(TOO_LARGE % {"mb": MAX_FILE_BYTES // 2**20}, name)
    kind = compression_of(name, head)
    if kind is not None:
        raise rejected(COMPRESSED_ON_THE_WEB % {"kind": kind}, name)


def file_check(path: Path) -> None:
    """What every import accepts (web and command line): not too large, and compressed only as
    .gz that unpacks within the cap (checked by unpacking it as a stream, keeping nothing)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise rejected(TOO_LARGE % {"mb": MAX_FILE_BYTES // 2**20}, path.name)
    with path.open("rb") as handle:
        head = handle.read(8)
    kind = compression_of(path.name, head)
    if kind == "gzip":
        with open_unpacked(path) as stream:
            while stream.read(1 << 20):
                pass
    elif kind is not None:
        raise rejected(COMPRESSED_NOT_GZIP % {"kind": kind}, path.name)


def open_unpacked(path: Path) -> IO[bytes]:
    """The file's bytes as a stream; a .gz unpacked on the fly, refused past the unpacked cap."""
    # Closed by the caller, through the returned reader.
    raw: io.BufferedIOBase = (
        gzip.GzipFile(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")
    )
    return io.BufferedReader(_Capped(raw, path.name))


class _Capped(io.RawIOBase):
    """Counts the bytes read through it and refuses past the unpacked cap; a broken compressed
    stream becomes a Dutch refusal instead of a traceback."""

    def __init__(self, raw: io.BufferedIOBase, name: str) -> None:
        super().__init__()
        self._raw, self._name, self._seen = raw, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._raw.read(len(buffer))
        except (OSError, EOFError, zlib.error):
            raise rejected(str(UNREADABLE), self._name) from None
        self._seen += len(data)
        if self._seen > MAX_UNPACKED_BYTES:
            raise rejected(UNPACKED_TOO_LARGE % {"mb": MAX_UNPACKED_BYTES // 2**20}, self._name)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()

"""WARC files (warcio): every fetched response is archived; bodies are read back from here.

Each process writes its own rotating ``.warc.gz`` files (one gzip member per record), so a
killed crawl leaves at most one torn record at the end of a file that no row refers to.
Bodies are stored as received after transport decoding: ``Content-Encoding`` is renamed to
``X-Newsintel-Decoded-Content-Encoding`` so readers do not decompress twice.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.errors import WarcError

__all__ = ["WarcRecord", "WarcWriter", "iter_responses", "read_payload"]

Headers = tuple[tuple[str, str], ...]
_DROPPED = {"content-length", "transfer-encoding"}
_RENAMED = {"content-encoding": "X-Newsintel-Decoded-Content-Encoding"}


@dataclass(frozen=True, slots=True)
class WarcRecord:
    """One HTTP response read from a WARC file."""

    url: str
    status: int
    headers: Headers
    body: bytes
    fetched_at: datetime
    warc_file: str
    warc_offset: int


class WarcWriter:
    """Append response records to rotating gzip WARC files in one directory."""

    def __init__(self, directory: str | Path, *, max_bytes: int = 1024**3, prefix: str = "crawl"):
        self.directory = Path(directory).resolve()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self.prefix = prefix
        self._file: BinaryIO | None = None
        self._path: Path | None = None
        self._serial = 0

    def _open(self) -> tuple[BinaryIO, Path]:
        if self._file is not None and self._path is not None:
            if self._file.tell() < self.max_bytes:
                return self._file, self._path
            self._file.close()
        self._serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        name = f"{self.prefix}-{stamp}-{os.getpid()}-{self._serial:05d}.warc.gz"
        self._path = self.directory / name
        self._file = open(self._path, "ab")  # noqa: SIM115 - kept open across records
        return self._file, self._path

    def write(
        self, url: str, status: int, reason: str, headers: Headers, body: bytes, when: datetime
    ) -> tuple[str, int]:
        """Write one response record, flush it, and return ``(file path, record offset)``."""
        handle, path = self._open()
        offset = handle.tell()
        kept = [(_RENAMED.get(k.lower(), k), v) for k, v in headers if k.lower() not in _DROPPED]
        kept.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {reason or _phrase(status)}", kept, protocol="HTTP/1.1")
        writer = WARCWriter(handle, gzip=True)
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": when.strftime("%Y-%m-%dT%H:%M:%SZ")},
        )
        writer.write_record(record)
        handle.flush()  # the row that points here is committed after this returns
        return str(path), offset

    def close(self) -> None:
        """Close the current file."""
        if self._file is not None:
            self._file.close()
            self._file = None


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _record_of(record: object, path: str, offset: int) -> WarcRecord:
    http = record.http_headers  # type: ignore[attr-defined]
    headers = tuple((k, v) for k, v in http.headers) if http is not None else ()
    status = int(http.get_statuscode()) if http is not None else 200
    body = record.content_stream().read()  # type: ignore[attr-defined]
    date = record.rec_headers.get_header("WARC-Date") or ""  # type: ignore[attr-defined]
    try:
        fetched_at = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        fetched_at = datetime.now(UTC)
    url = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    return WarcRecord(url, status, headers, body, fetched_at, path, offset)


def read_payload(warc_file: str, warc_offset: int) -> tuple[Headers, bytes]:
    """Return the HTTP headers and body bytes of the record at ``warc_offset``.

    Raises:
        WarcError: the file is missing or there is no readable record at that offset.
    """
    try:
        with open(warc_file, "rb") as handle:
            handle.seek(warc_offset)
            for record in ArchiveIterator(handle):
                if record.rec_type in ("response", "resource"):
                    found = _record_of(record, warc_file, warc_offset)
                    return found.headers, found.body
                break
    except (OSError, ArchiveLoadFailed, ValueError) as exc:
        raise WarcError(f"{warc_file}@{warc_offset}: {exc}") from exc
    raise WarcError(f"{warc_file}@{warc_offset}: no response record there")


def iter_responses(warc_file: str | Path) -> Iterator[WarcRecord]:
    """Yield every response (and resource) record of a WARC file, with its offset.

    Raises:
        WarcError: the file cannot be opened or is not a WARC file.
    """
    path = str(Path(warc_file).resolve())
    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                if record.rec_type in ("response", "resource"):
                    found = _record_of(record, path, 0)  # read the body first: asking for
                    # the offset before reading it makes warcio skip the payload
                    yield replace(found, warc_offset=records.get_record_offset())
    except (OSError, ArchiveLoadFailed) as exc:
        raise WarcError(f"{path}: {exc}") from exc

"""A background writer: archives pages in WARC files and hands them to the sink, in order.

Writing (gzip, SQLite) happens off Scrapy's reactor thread, so downloads and parsing go on
while the previous page is stored; zlib and sqlite3 release the GIL while they work. Pages
are written in the order they were fetched; a full queue blocks the crawl (back-pressure).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import replace

from crawler.models import FetchedPage
from crawler.warc import WarcWriter

log = logging.getLogger(__name__)

__all__ = ["PageWriter"]


class PageWriter:
    """Write pages on one background thread: WARC record first, then the sink."""

    def __init__(
        self,
        sink: Callable[[FetchedPage], None],
        warc: WarcWriter | None,
        *,
        capacity: int = 256,
    ):
        self.sink = sink
        self.warc = warc
        self.error: BaseException | None = None
        self._queue: queue.Queue[tuple[FetchedPage, bool] | None] = queue.Queue(capacity)
        self._thread = threading.Thread(target=self._run, name="newsintel-writer", daemon=True)
        self._thread.start()

    def submit(self, page: FetchedPage, *, archive: bool) -> None:
        """Queue ``page``; with ``archive`` its response is written to the WARC file first.

        Raises:
            RuntimeError: the writer failed earlier (the sink or the disk); the crawl must stop.
        """
        if self.error is not None:
            raise RuntimeError(f"page writer failed: {self.error}") from self.error
        self._queue.put((page, archive))

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:  # close()
                return
            page, archive = item
            try:
                self._write(page, archive)
            except Exception as exc:  # kept and re-raised on the crawl thread
                log.exception("writing %s failed", page.url)
                self.error = exc

    def _write(self, page: FetchedPage, archive: bool) -> None:
        if archive and self.warc is not None:
            path, offset = self.warc.write(
                page.final_url, page.status, "", page.headers, page.body, page.fetched_at
            )
            page = replace(page, warc_file=path, warc_offset=offset)
        self.sink(page)

    def close(self) -> None:
        """Write what is queued, stop the thread and close the WARC file.

        Raises:
            RuntimeError: a page could not be written.
        """
        self._queue.put(None)
        self._thread.join()
        if self.warc is not None:
            self.warc.close()
        if self.error is not None:
            raise RuntimeError(f"page writer failed: {self.error}") from self.error

"""Stage measurements used when a stage's own ``bench/<stage>_bench.py`` has no ``run(ctx)``.

The stage benchmarks belong to the stages (see ``bench/common.py``); until one follows the
common interface, ``bench.run`` measures the stage here through its public API, against the
same anchor the issue names, so that ``BENCHMARKS.md`` is never missing a stage. Each
function has the signature of a stage ``run`` and says in its notes that it is a fallback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.common import BenchContext, measure, result

__all__ = ["FALLBACKS", "crawl", "extract"]

NOTE = "fallback measurement (bench/fallbacks.py)"


def extract(ctx: BenchContext) -> list[dict[str, Any]]:
    """Articles/s of ``extract_document`` on synthetic pages vs trafilatura ``extract`` alone."""
    import trafilatura

    from bench.corpus import iter_articles
    from extract.api import extract_document
    from extract.models import Document

    pages = [(a.url, a.body) for a in iter_articles(ctx.size, ctx.seed)]

    def ours() -> int:
        for url, body in pages:
            extract_document(Document(url=url, body=body, content_type="text/html"))
        return len(pages)

    def anchor() -> int:
        for url, body in pages:
            trafilatura.extract(body.decode("utf-8"), url=url, with_metadata=True)
        return len(pages)

    _, base = measure(anchor)
    _, mine = measure(ours)
    return [
        result(
            stage="extract", name="extract_document (1 process)", size=ctx.size,
            size_unit="articles", unit="articles/s", value=len(pages) / mine.seconds,
            anchor="trafilatura.extract alone", anchor_value=len(pages) / base.seconds,
            seconds=mine.seconds, peak_mb=mine.peak_mb, anchor_peak_mb=base.peak_mb,
            note=f"synthetic pages in 15 languages, ~4 KB HTML; {NOTE}",
        )
    ]  # fmt: skip


def crawl(ctx: BenchContext) -> list[dict[str, Any]]:
    """Pages/s of ``newsintel`` crawling a local site vs a bare Scrapy spider on the same site.

    Uses the crawler's own benchmark helpers (``bench/crawl_bench.py``: its generated site,
    server and per-crawl child processes) with ``ctx.size`` article pages.
    """
    from bench import crawl_bench as cb

    server = cb.serve(cb.build_site(ctx.size))
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        runs = {kind: cb.measure(kind, url) for kind in ("bare", "newsintel")}
    finally:
        server.shutdown()
    rate = {kind: run["pages"] / run["seconds"] for kind, run in runs.items()}
    ours = runs["newsintel"]
    return [
        result(
            stage="crawl", name="newsintel crawl (WARC, SQLite, dedup, delay 0)",
            size=int(ours["pages"]), size_unit="pages", unit="pages/s", value=rate["newsintel"],
            anchor="bare Scrapy spider", anchor_value=rate["bare"], seconds=ours["seconds"],
            peak_mb=round(ours["peak_mb"], 1), anchor_peak_mb=round(runs["bare"]["peak_mb"], 1),
            note=f"local site of {ctx.size:,} articles + listings, concurrency "
            f"{cb.CONCURRENCY}; helpers of bench/crawl_bench.py; {NOTE}",
        )
    ]  # fmt: skip


FALLBACKS: dict[str, Callable[[BenchContext], list[dict[str, Any]]]] = {
    "crawl": crawl,
    "extract": extract,
}

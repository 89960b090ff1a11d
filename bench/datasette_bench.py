"""Datasette pages over HTTP on a real-size database: ours against the plain table page.

The database holds ``ctx.size`` synthetic articles with their ground-truth facts (stored
through ``index.store``; see ``bench.corpus_db``) and the index stage run over them with
synthetic vectors, so a 100k-article database takes minutes instead of the hours extraction
and embedding would. It is served by ``newsintel serve`` (the plugin, the metadata, suggested
facets off, Datasette's default 1,000 ms SQL time limit), as users serve it. The anchor is
Datasette's own table page of ``articles``; ours are the full-text search, a faceted fact
table, a research view and the plugin's pages (a page that does not answer 200 is an error).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import BenchContext, PeakMemory, percentile, result

MAX_REAL_SIZE = 100_000
QUICK_RUN_ONCE = True  # the CI smoke run needs one size, not a growth curve
REPO = Path(__file__).resolve().parents[1]
ANCHOR = ("plain table page", "/newsintel/articles")
PAGES = (
    ("table with full-text search", "/newsintel/articles?_search=PCI"),
    ("facts table with facets", "/newsintel/index_facts?subject=Phu+Yen&_facet=index_name"),
    ("province timeline view", "/newsintel/province_index_timeline?index_name=PAR_INDEX"),
    ("plugin search page", "/-/search?q=PCI+Phu+Yen+2023"),
    ("plugin search JSON", "/-/search.json?q=digital+transformation+Da+Nang"),
    ("plugin province page", "/-/newsintel/provinces?index=PAR_INDEX"),
)  # fmt: skip


def _schema_version() -> str:
    """The migrations of this checkout: a cached database built by older code is rebuilt."""
    from sqlite_utils import Database

    from index.schema import migrations

    db = Database(memory=True)
    migrations.apply(db)
    return ",".join(row[0] for row in db.execute("select name from _sqlite_migrations"))


def articles_db(ctx: BenchContext) -> Path:
    """Return an indexed database of ``ctx.size`` synthetic articles (built once per schema)."""
    from bench.corpus import iter_articles
    from bench.corpus_db import index_articles_db, write_articles_db
    from index.schema import open_db

    root = ctx.scratch(f"indexed-articles-{ctx.size}-seed{ctx.seed}")
    path, marker, version = root / "newsintel.db", root / "complete", _schema_version()
    if not marker.exists() or marker.read_text(encoding="utf-8") != version:
        for stale in root.glob("newsintel.db*"):
            stale.unlink()
        db = open_db(path)
        write_articles_db(db, iter_articles(ctx.size, ctx.seed))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = {"articles": ctx.size, "bytes": path.stat().st_size}  # for bench/capacity.py
        (root / "size-before-index.json").write_text(json.dumps(size), encoding="utf-8")
        index_articles_db(db, path, seed=ctx.seed)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        marker.write_text(version, encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    return status, (time.perf_counter() - start) * 1000


def _wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"datasette exited with {server.returncode}")
        try:
            if _get(base + "/-/versions.json")[0] == 200:
                return
        except OSError:  # not listening yet
            time.sleep(0.2)
    raise RuntimeError("datasette did not start in time")


def _latencies(base: str, path: str, repeats: int) -> tuple[int, list[float]]:
    status = 0
    for _ in range(3):  # warm-up: page cache, prepared statements
        status, _ms = _get(base + path)
    return status, [_get(base + path)[1] for _ in range(repeats)]


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    """Measure p95 latency of Datasette pages over HTTP on a ``ctx.size``-article database."""
    db = articles_db(ctx)
    port = _free_port()
    # served as users serve it: `newsintel serve` (plugin, metadata, suggested facets off)
    cmd = [sys.executable, "-m", "newsintel", "serve", "--db", str(db), "--port", str(port)]
    repeats = 10 if ctx.quick else 60
    base = f"http://127.0.0.1:{port}"
    rows: list[dict[str, Any]] = []
    with PeakMemory() as mem:
        server = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_ready(base, server)
            _, anchor_ms = _latencies(base, ANCHOR[1], repeats)
            anchor_p95 = percentile(anchor_ms, 95)
            measured = [(name, path, *_latencies(base, path, repeats)) for name, path in PAGES]
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:  # the server ignored SIGTERM: do not lose the rows
                server.kill()
                server.wait()
    common = {"stage": "datasette", "size": ctx.size, "size_unit": "articles", "unit": "ms p95",
              "higher_is_better": False, "peak_mb": round(mem.peak_mb, 1)}  # fmt: skip
    anchor_note = f"GET {ANCHOR[1]}; p50 {percentile(anchor_ms, 50):.0f} ms"
    rows.append(result(name=f"{ANCHOR[0]} (anchor)", value=anchor_p95, note=anchor_note, **common))
    for name, path, status, ms in measured:
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        rows.append(
            result(
                name=name,
                value=percentile(ms, 95),
                anchor=ANCHOR[0],
                anchor_value=anchor_p95,
                note=f"GET {path}; p50 {percentile(ms, 50):.0f} ms",
                **common,
            )
        )
    return rows

"""Researcher pages over HTTP on a real-size database, beside plain Datasette on the same file.

The database holds ``ctx.size`` synthetic articles with their ground-truth facts (stored
through ``index.store``; see ``bench.corpus_db``) and the index stage run over them with
synthetic vectors, so a 100k-article database takes minutes instead of the hours extraction
and embedding would. Ours is ``newsintel serve`` (the plugin, the metadata, suggested facets
off, Datasette's default 1,000 ms SQL time limit) with ``--model fake:384``, the model the
synthetic vectors are stored under, so searches run the hybrid path over the vector file
and only the real model's query embedding is left out. The anchor of each page is the same
page, or the nearest one, on plain Datasette (``datasette serve`` with no plugin and no
metadata) serving the same file in the same run. A page that does not answer 200 is an
error.
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
# (name, our page, plain Datasette's page); {article} is an article's url, tilde-encoded
# for Datasette's row page; the plugin's pages have no plain twin, so the anchor is the
# plain page a researcher would use instead
PAGES = (
    ("articles table page", "/newsintel/articles", "/newsintel/articles"),
    ("table with full-text search", "/newsintel/articles?_search=PCI",
     "/newsintel/articles?_search=PCI"),
    ("facts table with facets", "/newsintel/index_facts?subject=Phu+Yen&_facet=index_name",
     "/newsintel/index_facts?subject=Phu+Yen&_facet=index_name"),
    ("province timeline view", "/newsintel/province_index_timeline?index_name=PAR_INDEX",
     "/newsintel/province_index_timeline?index_name=PAR_INDEX"),
    ("plugin search page", "/-/search?q=PCI+Phu+Yen+2023",
     "/newsintel/articles?_search=PCI+Phu+Yen+2023"),
    ("plugin search JSON", "/-/search.json?q=digital+transformation+Da+Nang",
     "/newsintel/articles.json?_search=digital+transformation+Da+Nang"),
    ("plugin province page", "/-/newsintel/provinces?index=PAR_INDEX",
     "/newsintel/province_index_timeline?index_name=PAR_INDEX"),
    ("plugin article page", "/-/newsintel/article?url={url}", "/newsintel/articles/{row}"),
)  # fmt: skip
MODEL = "fake:384"  # the model bench.corpus_db stores the synthetic vectors under


def _schema_version() -> str:
    """The migrations of this checkout: a cached database built by older code is rebuilt."""
    from sqlite_utils import Database

    from index.schema import migrations

    db = Database(memory=True)
    migrations.apply(db)
    return ",".join(row[0] for row in db.execute("select name from _sqlite_migrations"))


def articles_db(ctx: BenchContext) -> Path:
    """Return an indexed database of ``ctx.size`` synthetic articles (built once, resumable).

    An interrupted build goes on from the articles already written (the stream is seeded,
    storing an article again replaces it). A database built by an older checkout is
    upgraded as a user's is: this checkout's migrations, then the index stage again.
    """
    from itertools import islice

    from bench.corpus import iter_articles
    from bench.corpus_db import index_articles_db, write_articles_db
    from index.schema import open_db

    root = ctx.scratch(f"indexed-articles-{ctx.size}-seed{ctx.seed}")
    path, marker, version = root / "newsintel.db", root / "complete", _schema_version()
    if marker.exists() and marker.read_text(encoding="utf-8") == version:
        return path
    db = open_db(path)  # applies this checkout's migrations
    if not marker.exists():
        written = db["articles"].count
        rest = islice(iter_articles(ctx.size, ctx.seed), max(0, written - 1), None)
        write_articles_db(db, rest)
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


def _latencies(base: str, path: str, repeats: int, warm: int) -> tuple[int, list[float]]:
    status = 0
    for _ in range(warm):  # warm-up: page cache, prepared statements
        status, _ms = _get(base + path)
    return status, [_get(base + path)[1] for _ in range(repeats)]


def _article(db: Path) -> dict[str, str]:
    """An article with facts, as our page and plain Datasette's row page address it."""
    import sqlite3
    from urllib.parse import quote

    from datasette.utils import tilde_encode

    with sqlite3.connect(db) as conn:
        row = conn.execute("select article_url from index_facts order by id limit 1").fetchone()
    return {"url": quote(row[0], safe=""), "row": tilde_encode(row[0])}


def _serve(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:  # the server ignored SIGTERM: do not lose the rows
        server.kill()
        server.wait()


def _measure(cmd: list[str], env: dict[str, str] | None, pages: list[str], ctx: BenchContext):
    """Serve with ``cmd`` and time each page; return (status, latencies ms) per page."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve([*cmd, "--port", str(port)], env)
    try:
        _wait_ready(base, server)
        repeats, warm = (8, 2) if ctx.quick else (60, 3)
        return [_latencies(base, page, repeats, warm) for page in pages]
    finally:
        _stop(server)


def run(ctx: BenchContext) -> list[dict[str, Any]]:
    """p95 latency of each researcher page over HTTP, ours beside plain Datasette."""
    import os

    db = articles_db(ctx)
    article = _article(db)
    ours_cmd = [sys.executable, "-m", "newsintel", "serve", "--db", str(db), "--model", MODEL]
    plain_cmd = [sys.executable, "-m", "datasette", "serve", str(db)]
    plain_env = {**os.environ, "DATASETTE_LOAD_PLUGINS": ""}  # no plugin, no metadata
    with PeakMemory() as mem:
        ours = _measure(ours_cmd, None, [p[1].format(**article) for p in PAGES], ctx)
    with PeakMemory() as plain_mem:
        plain = _measure(plain_cmd, plain_env, [p[2].format(**article) for p in PAGES], ctx)
    rows: list[dict[str, Any]] = []
    for (name, path, anchor_path), (status, ms), (plain_status, plain_ms) in zip(
        PAGES, ours, plain, strict=True
    ):
        if status != 200 or plain_status != 200:
            raise RuntimeError(f"GET {path} answered {status}, plain {anchor_path} {plain_status}")
        rows.append(
            result(
                stage="datasette", name=name, size=ctx.size, size_unit="articles",
                unit="ms p95", value=percentile(ms, 95), higher_is_better=False,
                anchor=f"plain Datasette {anchor_path.split('?')[0].format(row='<row>')}",
                anchor_value=percentile(plain_ms, 95), peak_mb=round(mem.peak_mb, 1),
                anchor_peak_mb=round(plain_mem.peak_mb, 1),
                note=f"GET {path.format(url='<url>')}; p50 {percentile(ms, 50):.0f} ms, "
                f"plain {anchor_path.format(row='<row>')} p50 {percentile(plain_ms, 50):.0f} ms",
            )
        )  # fmt: skip
    return rows

"""Crawl throughput: newsintel (every default on) against a bare Scrapy spider.

Serves a generated site of N article pages (default 5,000) plus listing pages from memory on
127.0.0.1, then crawls it twice, each crawl in its own process:

- ``newsintel``: ``newsintel.crawling.run_crawl`` with robots.txt, WARC files, SQLite rows,
  canonicalisation, dedup, article classification and the durable frontier; delay 0.
- ``bare``: a plain ``scrapy.Spider`` that follows every link and appends each body to a file.

Both use the same Scrapy concurrency (16 in flight, 16 per host, no AutoThrottle, delay 0).
Runs alternate (``--repeat``, default 2) and the best of each is compared, because other work
on the machine slows single runs at random. Prints pages/s, the ratio newsintel/bare and peak
memory (max RSS of each crawl's processes).

    python bench/crawl_bench.py --pages 5000
    python bench/crawl_bench.py --pages 5000 --repeat 3 --baseline /tmp/before  # before/after
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PER_LISTING = 100
CONCURRENCY = 16


def build_site(pages: int) -> dict[str, bytes]:
    """Return path -> body for a site of ``pages`` articles and their listing pages."""
    site: dict[str, bytes] = {"/robots.txt": b"User-agent: *\nDisallow: /private/\n"}
    listings = (pages + PER_LISTING - 1) // PER_LISTING
    home = "".join(f'<li><a href="/list/{n}">section {n}</a></li>' for n in range(listings))
    site["/"] = f"<html><body><ul>{home}</ul></body></html>".encode()
    filler = (
        "Residents of the sample district filed fewer forms this quarter after the office "
        "merged two counters and moved appointments online. "
    ) * 25
    for n in range(listings):
        links = "".join(
            f'<li><a href="/news/{i}.html?utm_source=list">story {i}</a></li>'
            for i in range(n * PER_LISTING, min(pages, (n + 1) * PER_LISTING))
        )
        site[f"/list/{n}"] = f"<html><body><ul>{links}</ul></body></html>".encode()
    for i in range(pages):
        site[f"/news/{i}.html"] = (
            f"<html><head><title>Story {i}</title>"
            '<meta property="og:type" content="article">'
            '<meta property="article:published_time" content="2024-05-06T08:00:00Z">'
            f"</head><body><nav><a href='/'>home</a><a href='/list/0'>latest</a></nav>"
            f"<article><h1>Story {i}</h1><p>{filler}</p><p>{filler}</p></article>"
            "</body></html>"
        ).encode()
    return site


def serve(site: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            body = site.get(self.path.split("?")[0])
            self.send_response(200 if body is not None else 404)
            body = body if body is not None else b"not found"
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if self.path.endswith(".txt"):
                self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run_newsintel(url: str, workdir: Path) -> dict[str, float]:
    sys.path.insert(0, str(REPO))
    from crawler.models import CrawlSettings
    from newsintel.crawling import run_crawl, seed_source

    settings = CrawlSettings(
        delay=0, concurrency=CONCURRENCY, per_host_concurrency=CONCURRENCY, autothrottle=False
    )
    started = time.monotonic()
    report = run_crawl(workdir / "bench.db", [seed_source(url)], settings)
    wall = time.monotonic() - started
    # report.seconds: from crawl() to the end, like the bare spider's clock (imports excluded)
    return {
        "pages": report.fetched,
        "seconds": report.seconds,
        "wall_seconds": wall,
        "articles": report.articles,
    }


def run_bare(url: str, workdir: Path) -> dict[str, float]:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    out = open(workdir / "bodies.bin", "ab")  # noqa: SIM115 - closed below
    count = {"pages": 0}

    class Bare(scrapy.Spider):
        name = "bare"
        allowed_domains = ("127.0.0.1",)

        async def start(self):  # type: ignore[no-untyped-def]
            yield scrapy.Request(url)

        def parse(self, response):  # type: ignore[no-untyped-def]
            out.write(response.body)
            count["pages"] += 1
            for href in response.css("a::attr(href)").getall():
                yield response.follow(href)

    settings = {
        "ROBOTSTXT_OBEY": True,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS": CONCURRENCY,
        "CONCURRENT_REQUESTS_PER_DOMAIN": CONCURRENCY,
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": False,
    }
    started = time.monotonic()
    process = CrawlerProcess(settings)
    process.crawl(Bare)
    process.start()
    out.close()
    return {"pages": count["pages"], "seconds": time.monotonic() - started}


def worker(kind: str, url: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = (run_newsintel if kind == "newsintel" else run_bare)(url, Path(tmp))
    result["peak_mb"] = peak_rss_mb()
    print(json.dumps(result))


def measure(kind: str, url: str, *, checkout: Path | None = None) -> dict[str, float]:
    """Run one crawl of ``kind`` in a child process; ``checkout``: another copy of the repo."""
    script = checkout / "bench" / "crawl_bench.py" if checkout else Path(__file__)
    done = subprocess.run(
        [sys.executable, str(script), "--worker", kind, "--url", url],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--worker", choices=["newsintel", "bare"])
    parser.add_argument("--url")
    parser.add_argument("--repeat", type=int, default=2, help="Alternating runs; best kept.")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="Another checkout (e.g. `git archive HEAD~3 | tar -x -C DIR`) crawled in the same "
        "alternating runs, for a before/after ratio measured under the same load.",
    )
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.url)
        return
    server = serve(build_site(args.pages))
    url = f"http://127.0.0.1:{server.server_port}/"
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "newsintel": []}
    if args.baseline:
        runs["baseline"] = []
    for _ in range(args.repeat):  # alternate, so background load hits both alike
        for kind in runs:
            if kind == "baseline":
                result = measure("newsintel", url, checkout=args.baseline.resolve())
            else:
                result = measure(kind, url)
            result["pages_per_s"] = round(result["pages"] / result["seconds"], 1)
            runs[kind].append(result)
            print(
                f"{kind:10s} {int(result['pages']):6d} pages in {result['seconds']:6.1f}s = "
                f"{result['pages_per_s']:6.1f} pages/s, peak {result['peak_mb']:.0f} MB",
                flush=True,
            )
    server.shutdown()
    best = {kind: max(r, key=lambda x: x["pages_per_s"]) for kind, r in runs.items()}
    ratio = best["newsintel"]["pages_per_s"] / best["bare"]["pages_per_s"]
    print(f"best of {args.repeat}: ratio newsintel/bare = {ratio:.2f} (target >= 0.8)")
    if args.baseline:
        before = best["baseline"]["pages_per_s"] / best["bare"]["pages_per_s"]
        print(f"best of {args.repeat}: ratio baseline/bare = {before:.2f}")
    print(json.dumps({"pages": args.pages, "ratio": round(ratio, 2), "runs": runs}))


if __name__ == "__main__":
    main()

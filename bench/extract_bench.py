"""Extraction throughput on 2 cores and the cost of each step.

Usage:
    python bench/extract_bench.py [--workers 2] [--repeat 20] [TEXT_DIR ...]

Texts default to ../shared/seeds, ../shared/dev-real/articles and tests/fixtures/gold.
Prints articles/s through a process pool and milliseconds per article for each step
(run in one process, so the steps add up to the single-core cost).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from extract.api import extract_document
from extract.index_facts import find_index_facts
from extract.models import Document
from extract.percentages import find_percentages

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIRS = (
    REPO.parent / "shared" / "seeds",
    REPO.parent / "shared" / "dev-real" / "articles",
    REPO / "tests" / "fixtures" / "gold",
)


def load_texts(dirs: list[Path]) -> list[str]:
    texts = []
    for folder in dirs:
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    return texts


def _extract_one(text: str) -> int:
    result = extract_document(Document(url="bench", body=text))
    return len(result.index_facts) + len(result.percentages)


def throughput(texts: list[str], workers: int, repeat: int) -> float:
    batch = texts * repeat
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_extract_one, texts[:workers], chunksize=1))  # warm the workers
        started = time.perf_counter()
        list(pool.map(_extract_one, batch, chunksize=8))
        return len(batch) / (time.perf_counter() - started)


def _places(text: str) -> tuple[object, ...]:
    try:
        from extract.gazetteer import match_places
    except ImportError:
        return ()
    return tuple(match_places(text))


def _language(text: str) -> str:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return str(detect(text[:5000]))
    except LangDetectException:
        return "en"


def _sentences_uncached(text: str) -> object:
    from extract import sentences

    return sentences._sentence_spans_cached.__wrapped__(text)  # the cache would hide the cost


def step_costs(texts: list[str]) -> dict[str, float]:
    """Milliseconds per article for each step, measured in this process."""
    steps: dict[str, Callable[[str], object]] = {
        "total (extract_document)": lambda t: extract_document(Document(url="b", body=t)),
        "language (langdetect)": _language,
        "sentences": _sentences_uncached,
        "places (gazetteer)": _places,
        "index facts": lambda t: find_index_facts(t, "en", places=_places(t)),
        "percentages": lambda t: find_percentages(t, "en"),
    }
    for step in steps.values():  # warm caches (lexicons, babel locales, models)
        step(texts[0])
    costs = {}
    for name, step in steps.items():
        started = time.perf_counter()
        for text in texts:
            step(text)
        costs[name] = 1000 * (time.perf_counter() - started) / len(texts)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    texts = load_texts(args.dirs or list(DEFAULT_DIRS))
    if not texts:
        raise SystemExit("no .txt files found")
    result = {
        "articles": len(texts),
        "workers": args.workers,
        "articles_per_second": round(throughput(texts, args.workers, args.repeat), 1),
        "ms_per_article": {k: round(v, 2) for k, v in step_costs(texts).items()},
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

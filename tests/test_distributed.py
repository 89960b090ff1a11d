"""The Dask backend on a local cluster of two worker processes (127.0.0.1)."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.corpus import iter_articles, write_warcs
from extract.models import Entity, Evidence, Extraction, IndexFact, Initiative, Percentage
from index.schema import open_db
from newsintel.cli import cli
from newsintel.distributed import (
    extraction_from_record,
    extraction_to_record,
    merge_shards,
    run_shards,
)

N_ARTICLES = 36


def _error_shard(path: Path) -> Path:
    """A WARC holding a 404 (skipped) and an undecodable body (extracted or recorded)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for status, body in (("404 Not Found", b"gone"), ("200 OK", b"\xff\xfe\x00<p>\x81")):
            headers = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
            url = f"http://bad.example/{status[:3]}"
            writer.write_record(
                writer.create_warc_record(url, "response", payload=_io(body), http_headers=headers)
            )
    return path


def _io(body: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(body)


@pytest.fixture(scope="module")
def backfill(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("backfill")
    shards = write_warcs(iter_articles(N_ARTICLES, seed=5), root / "warc", per_shard=9)
    shards.append(_error_shard(root / "warc" / "errors.warc.gz"))
    results = run_shards(shards, root / "out", workers=2)
    db = open_db(root / "news.db")
    report = merge_shards(db, sorted(r.output for r in results))
    return {"root": root, "shards": shards, "results": results, "db": db, "report": report}


def test_every_shard_has_a_result(backfill: dict[str, object]) -> None:
    results = backfill["results"]
    assert sorted(Path(r.warc).name for r in results) == sorted(  # type: ignore[attr-defined]
        p.name
        for p in backfill["shards"]  # type: ignore[attr-defined]
    )


def test_two_worker_processes_shared_the_work(backfill: dict[str, object]) -> None:
    assert len({r.worker for r in backfill["results"]}) == 2  # type: ignore[attr-defined]


def test_every_article_is_merged_once(backfill: dict[str, object]) -> None:
    db = backfill["db"]
    urls = [a.url for a in iter_articles(N_ARTICLES, seed=5)]
    stored = [
        row[0] for row in db.execute("select url from articles where url like 'http://news%'")
    ]  # type: ignore[attr-defined]
    assert sorted(stored) == sorted(urls)


def test_records_that_are_no_article_are_skipped_and_counted(backfill: dict[str, object]) -> None:
    db = backfill["db"]
    kept = db.execute(  # type: ignore[attr-defined]
        "select (select count(*) from articles where url like 'http://bad%') "
        "+ (select count(*) from failures where url like 'http://bad%'), "
        "(select count(*) from pages where url like 'http://bad%')"
    ).fetchone()
    assert kept == (0, 2)  # the 404 and the unparseable 200 are pages, neither an article
    assert backfill["report"].skipped == 2  # type: ignore[attr-defined]


def test_merge_twice_changes_nothing(backfill: dict[str, object]) -> None:
    db = backfill["db"]

    def counts() -> tuple[int, ...]:
        tables = ("articles", "index_facts", "percentages", "entities", "failures")
        return tuple(db[t].count for t in tables)  # type: ignore[index]

    before = counts()
    merge_shards(db, [r.output for r in backfill["results"]])  # type: ignore[arg-type, attr-defined]
    assert counts() == before


def test_result_shards_are_jsonl_one_line_per_response(backfill: dict[str, object]) -> None:
    lines = 0
    for result in backfill["results"]:  # type: ignore[attr-defined]
        with gzip.open(result.output, "rt", encoding="utf-8") as handle:
            lines += sum(1 for line in handle if json.loads(line)["url"])
    assert lines == N_ARTICLES + 2  # the error shard's 404 and unparseable 200 too


def test_cli_resumes_by_skipping_finished_shards(backfill: dict[str, object]) -> None:
    root: Path = backfill["root"]  # type: ignore[assignment]
    warcs = [str(p) for p in backfill["shards"]]  # type: ignore[attr-defined]
    args = ["distributed-extract", "--workers", "2", "--out", str(root / "out")]
    result = CliRunner().invoke(cli, [*args, "--db", str(root / "cli.db"), *warcs])
    assert result.exit_code == 0, result.output
    assert result.output.count("skipped (done before)") == len(warcs)
    assert open_db(root / "cli.db")["articles"].count >= N_ARTICLES


def test_extraction_record_round_trip() -> None:
    ev = Evidence("Phu Yen ranked 7th.", 10, 28)
    extraction = Extraction(
        url="http://x.example/a",
        language="en",
        text="0123456789Phu Yen ranked 7th.",
        published=date(2024, 5, 1),
        paragraph_languages=((0, 28, "en"),),
        entities=(Entity("Phu Yen", "PROVINCE", "Phu Yen", 10, 17),),
        index_facts=(
            IndexFact("PCI", None, "Phu Yen", 2023, None, None, 7, 63, None, None, None, ev),
        ),
        percentages=(Percentage(50.5, None, None, None, None, ev),),
        initiatives=(Initiative("Data Village", "digitisation", ev),),
        mentions_only=("Hanoi",),
    )
    record = json.loads(json.dumps(extraction_to_record(extraction)))
    assert extraction_from_record(record) == extraction


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("embedded")
    shards = write_warcs(iter_articles(8, seed=9), root / "warc", per_shard=4)
    results = run_shards(shards, root / "out", workers=2, model="fake")
    db = open_db(root / "news.db")
    report = merge_shards(db, sorted(r.output for r in results), model="fake")
    return {"db": db, "report": report}


def test_workers_embed_every_chunk(embedded: dict[str, object]) -> None:
    db = embedded["db"]
    chunks = db.execute("select count(*) from chunks").fetchone()[0]  # type: ignore[attr-defined]
    vectors = db.execute("select count(*) from embeddings").fetchone()[0]  # type: ignore[attr-defined]
    assert chunks > 8
    assert vectors == chunks


def test_merge_uses_the_workers_vectors(embedded: dict[str, object]) -> None:
    report = embedded["report"]
    assert report.vector_misses == 0  # type: ignore[attr-defined]
    assert report.vectors > 0  # type: ignore[attr-defined]


def test_cli_merge_folds_result_shards_into_a_new_database(backfill: dict[str, object]) -> None:
    root: Path = backfill["root"]  # type: ignore[assignment]
    outputs = [str(r.output) for r in backfill["results"]]  # type: ignore[attr-defined]
    db_path = root / "merged.db"
    for _ in range(2):  # merging the same shards twice changes nothing
        result = CliRunner().invoke(cli, ["distributed-merge", "--db", str(db_path), *outputs])
        assert result.exit_code == 0, result.output
    merged, direct = open_db(db_path), backfill["db"]
    for table in ("articles", "index_facts", "percentages"):
        assert merged[table].count == direct[table].count > 0, table  # type: ignore[index]


def test_a_shard_from_an_older_version_is_refused_with_advice(tmp_path: Path) -> None:
    shard = tmp_path / "old.extractions.jsonl.gz"
    with gzip.open(shard, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": "http://x.example/a", "error": "E"}) + "\n")
    result = CliRunner().invoke(
        cli, ["distributed-merge", "--db", str(tmp_path / "n.db"), str(shard)]
    )
    assert result.exit_code == 1
    assert "older newsintel" in result.output

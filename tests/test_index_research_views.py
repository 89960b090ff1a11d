"""Migration m075: the research views carry each figure's confidence, rows kept on upgrade."""

from index_corpus import load_corpus

from index.indexer import refresh_snapshots
from index.schema import migrations, open_db


def test_upgrade_keeps_timeline_rows_and_adds_confidence(tmp_path):
    db = open_db(tmp_path / "old.db", migrate=False)
    migrations.apply(db, stop_before="m075_confidence_in_research_views")
    # today's store writes columns later, independent migrations add (m100, m101, m105
    # tolerate it)
    for column in ("catalogue_id", "name_as_written", "name_key"):
        db["initiatives"].add_column(column, str)
    db["initiatives"].add_column("mentions", int)
    load_corpus(db)
    refresh_snapshots(db)
    before = db.execute("select count(*) from province_index_timeline").fetchone()[0]
    migrations.apply(db)
    rows = list(db.query("select confidence from province_index_timeline"))
    assert before > 0
    assert len(rows) == before
    assert {row["confidence"] for row in rows} == {1.0}


def test_timeline_evidence_is_the_most_confident_fact(tmp_path):
    db = open_db(tmp_path / "new.db")
    load_corpus(db)
    fact = next(
        db.query("select * from index_facts where subject is not null and year is not null")
    )
    db.execute(
        "update index_facts set confidence = 0.3 where subject = ? and index_name = ? and year = ?",
        [fact["subject"], fact["index_name"], fact["year"]],
    )
    copy = {**fact, "id": None, "confidence": 0.9, "evidence": "A surer sentence."}
    db["index_facts"].insert(copy)
    refresh_snapshots(db)
    row = next(
        db.query(
            "select evidence, confidence from province_index_timeline "
            "where province = ? and index_name = ? and year = ? and score is ? and rank is ?",
            [fact["subject"], fact["index_name"], fact["year"], fact["score"], fact["rank"]],
        )
    )
    assert row == {"evidence": "A surer sentence.", "confidence": 0.9}

"""A newsintel database with hostile values planted in every field the pages show.

Typed columns refuse text for numbers, so numbers get the most hostile numbers they can
hold; text columns, and the snapshot tables behind the research views (untyped, filled by
``newsintel index`` or by anyone who can write the file), get scripts, event handlers,
``javascript:`` links, right-to-left overrides, megabyte names and values of every type.
"""

from __future__ import annotations

import json
from pathlib import Path

from index_corpus import build_db

PWN = "window.__pwned=1"
SCRIPT = f"<script>{PWN}</script>"
IMG = f'<img src=x onerror="{PWN}">'
SVG = f"<svg onload={PWN}>"
RLO = "\u202e"
LONG_TITLE = f"{RLO}{SCRIPT}{IMG} Quang Ninh hostile report " + "T" * 200_000
BIG_SOURCE = f"{SCRIPT}source-" + "S" * 1_000_000
HOSTILE_URL = "https://evil.example.com/xss"
STORY_URL = "https://english.example.vn/news/quang-ninh-tops-reform-ranking"
MARKERS = ("<script>window", "<img src=x", "<svg onload")


def build_hostile_db(path: Path | str) -> None:
    """Build the test corpus at ``path``, then plant hostile values everywhere."""
    db, _ = build_db(path)
    db.execute("insert into sources (name, kind) values (?, 'other')", [BIG_SOURCE])
    db.execute(
        "update articles set title = ?, source = ?, language = ? where url = ?",
        [LONG_TITLE, BIG_SOURCE, f"{RLO}vi{IMG}", HOSTILE_URL],
    )
    db.execute("insert into stories (id, story_key, articles) values (900, 'hostile', 2)")
    db.conn.executemany(
        "insert or replace into story_articles (article_url, story_id, reason) values (?, 900, ?)",
        [(HOSTILE_URL, "test"), (STORY_URL, "test")],
    )
    db.execute(
        "update index_facts set index_label = ?, subject = ?, evidence = ?, "
        "score = 1e308, rank = 9223372036854775807 where article_url = ?",
        [SCRIPT, f"{RLO}{IMG}", SVG, HOSTILE_URL],
    )
    timeline = db["snapshot_province_index_timeline"]
    for year, score, rank, evidence in [
        (SVG, b"<b>blob</b>", 2.5, 42),
        ("2023", SCRIPT, "first", None),
        (2024, float("inf"), None, SCRIPT),
        (True, 1, 1, IMG),
    ]:
        timeline.insert(
            {"province": "Quang Ninh", "index_name": "PAR_INDEX", "year": year, "score": score,
             "rank": rank, "rank_total": IMG, "articles": SCRIPT, "sources": b"\x00\xff",
             "languages": 1, "language_list": f"{RLO}{IMG}", "evidence": evidence,
             "evidence_url": "javascript:alert(1)", "has_discrepancy": SCRIPT}
        )  # fmt: skip
    timeline.insert(
        {"province": f"{RLO}{SCRIPT}" + "P" * 5000, "index_name": "PAR_INDEX", "year": 2023,
         "score": 80.5, "articles": 3}
    )  # fmt: skip
    db["snapshot_province_initiatives"].insert(
        {"province": "Quang Ninh", "category": IMG, "initiative": LONG_TITLE, "articles": SCRIPT,
         "languages": SVG, "first_reported": b"\x01", "last_reported": 3.5,
         "names_as_written": SVG}
    )  # fmt: skip
    db["snapshot_province_initiatives"].insert(  # a catalogue programme: the initiatives page
        {"province": f"{RLO}{SCRIPT}", "catalogue_id": "project-06", "initiative": SCRIPT,
         "names_as_written": json.dumps([RLO, SVG, 3, {"a": 1}, IMG, LONG_TITLE]),
         "category": IMG, "languages": f"{IMG},{RLO}", "articles": SCRIPT, "stories": 1,
         "first_reported": SVG, "last_reported": b"\x02", "evidence": LONG_TITLE,
         "evidence_url": "javascript:alert(1)"}
    )  # fmt: skip
    db.conn.commit()

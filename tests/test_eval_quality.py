"""Quality floors: F1 on the shared dev gold, dev-real and our fixtures stays above the bar."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extract.api import extract_document
from extract.evaluate import GoldDoc, find_gold, score_documents
from extract.models import Document, to_json
from tests.conftest import FIXTURES, require_shared

FLOORS: dict[str, dict[str, float]] = {
    k: v
    for k, v in json.loads((Path(__file__).with_name("quality_floors.json")).read_text()).items()
    if not k.startswith("_")
}


def _extract(doc: GoldDoc) -> tuple[dict[str, Any], str]:
    body = doc.text_path.read_bytes()
    result = extract_document(
        Document(url=doc.text_path.name, body=body, language=doc.language_hint)
    )
    return to_json(result), result.text


def _docs(corpus: str) -> list[GoldDoc]:
    if corpus in ("dev-gold", "dev-real"):
        return find_gold(require_shared(corpus))
    root = FIXTURES / "gold"
    if not root.is_dir():
        pytest.skip("tests/fixtures/gold is absent")
    if corpus == "fixtures":
        return find_gold(root, exclude=("heldout",))
    return find_gold(root, only=("heldout",))


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_f1_at_or_above_floors(corpus: str) -> None:
    docs = _docs(corpus)
    if not docs:
        pytest.skip(f"no documents in {corpus}")
    report = score_documents(docs, _extract)
    below = {
        field: round(report.fields[field].f1, 4)
        for field, floor in FLOORS[corpus].items()
        if report.fields[field].f1 < floor
    }
    assert below == {}, f"{corpus}: below floors {FLOORS[corpus]}"

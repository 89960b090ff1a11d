"""Scoring rules of extract.evaluate and the gold layouts it finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.evaluate import Score, find_gold, fold, same_subject, score_document


def gold(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "index_facts": [], "percentages": [], "provinces": [], "districts": [],
        "organisations": [], "people": [], "initiatives": [], "mentions_only": [],
    }  # fmt: skip
    base.update(fields)
    return base


def fact(subject: str | None, score: float | None = None, rank: int | None = None) -> dict:
    return {"index": "PCI", "subject": subject, "score": score, "rank": rank}


def test_fold_names() -> None:
    assert fold("Thừa Thiên - Huế") == fold("thua thien hue")
    assert fold("Đồng Tháp") == "dongthap"
    assert fold("State Bank of Viet Nam") == fold("State Bank of Vietnam")


@pytest.mark.parametrize(
    ("gold_subject", "predicted", "same"),
    [
        ("Dong Da district (Hanoi)", "Dong Da", True),  # bracketed province optional
        ("Department of Justice", "Department of Justice (Tuyen Quang)", True),
        ("Department of Justice (Tuyen Quang)", "Department of Justice (Ha Giang)", False),
        ("Department of Justice (Tuyen Quang)", "Tuyen Quang", False),
        ("Vietnam", "localities", True),
        ("Thành phố Hồ Chí Minh", "Ho Chi Minh City", True),  # generic words ignored
        ("Ha Long City (Quang Ninh)", "Quang Ninh", False),
        (None, "Ha Nam", False),
    ],
)
def test_subjects_as_annotation_scores_them(
    gold_subject: str | None, predicted: str, same: bool
) -> None:
    assert same_subject(gold_subject, predicted) is same


@pytest.mark.parametrize(
    ("predicted", "tp"),
    [
        (fact("Hà Nam", score=70.004), 1),  # score within 0.01, subject folded
        (fact("Ha Nam", rank=5), 1),  # same rank
        (fact("Ha Nam", score=70.5), 0),
        (fact("Nam Dinh", rank=5), 0),
        ({**fact("Ha Nam", rank=5), "index": "PAPI"}, 0),
    ],
)
def test_index_fact_matching(predicted: dict, tp: int) -> None:
    scores, _ = score_document(
        gold(index_facts=[fact("Ha Nam", 70.0, 5)]), gold(index_facts=[predicted]), ""
    )
    assert scores["index_facts"].tp == tp


def test_index_facts_match_one_to_one() -> None:
    g = gold(index_facts=[fact("Ha Nam", rank=1)])
    p = gold(index_facts=[fact("Ha Nam", rank=1), fact("Ha Nam", rank=1)])
    scores, errors = score_document(g, p, "")
    assert (scores["index_facts"].tp, scores["index_facts"].fp) == (1, 1)
    assert errors["index_facts"]["extra"]


def test_percentages_are_distinct_values() -> None:
    g = gold(percentages=[{"value": 10}, {"value": 10}, {"value": 55.5}])
    p = gold(percentages=[{"value": 10.0}, {"value": 55.509}, {"value": 3}])
    s = score_document(g, p, "")[0]["percentages"]
    assert (s.tp, s.fp, s.fn) == (2, 1, 0)


def test_people_on_romanised_name() -> None:
    g = gold(people=[{"name": "Nguyễn Văn A", "name_en": "Nguyen Van A"}])
    p = gold(people=[{"name": "Nguyen Van A", "name_en": None}])
    assert score_document(g, p, "")[0]["people"].tp == 1


_TEXT = "We launched the Digital Saturday model across all communes of the province this year."


def _predicted(start: int, end: int, name: str = "Digital Saturday", **extra: str) -> dict:
    return {"name": name, "category": "e_government", "span_start": start, "span_end": end, **extra}


def _initiative_tp(predicted: dict, text: str = _TEXT, evidence: str = "Digital Saturday") -> int:
    g = gold(initiatives=[{"category": "e_government", "evidence": evidence}])
    return score_document(g, gold(initiatives=[predicted]), text)[0]["initiatives"].tp


def test_initiatives_match_on_containment_or_a_shared_run() -> None:
    start = _TEXT.find("Digital")
    assert _initiative_tp(_predicted(0, len(_TEXT))) == 1  # the sentence contains the gold
    assert _initiative_tp(_predicted(start, start + 8)) == 1  # the gold contains it
    model = _TEXT.find("model")
    long_gold = _TEXT[start : len(_TEXT) - 1]
    assert _initiative_tp(_predicted(0, model + 10), evidence=long_gold) == 1  # 26 shared
    assert _initiative_tp(_predicted(0, start + 20), evidence=long_gold) == 0  # 20 shared
    assert _initiative_tp(_predicted(0, 5)) == 0


def test_initiative_names_must_be_names() -> None:
    clause = "launched the Digital Saturday model across all communes of the province"
    assert _initiative_tp(_predicted(0, len(_TEXT), name=clause)) == 0  # 11 words
    cjk = "数字星期六模式"
    text = f"本省推出{cjk}。"
    span = (text.find(cjk), text.find(cjk) + len(cjk))
    assert _initiative_tp(_predicted(*span, name=cjk), text, cjk) == 1
    assert _initiative_tp(_predicted(*span, name=cjk * 5), text, cjk) == 0  # 35 characters


def test_initiative_category_is_scored_apart() -> None:
    g = gold(initiatives=[{"category": "e_government", "evidence": "Digital Saturday"}])
    wrong = _predicted(0, len(_TEXT), category="other")
    score = score_document(g, gold(initiatives=[wrong]), _TEXT)[0]["initiatives"]
    assert (score.tp, score.fp, score.agree, score.agreement) == (1, 0, 0, 0.0)
    right = _predicted(0, len(_TEXT))
    score = score_document(g, gold(initiatives=[wrong, right]), _TEXT)[0]["initiatives"]
    assert (score.tp, score.fp, score.agreement) == (1, 1, 1.0)  # the agreeing one is taken


def test_score_f1() -> None:
    s = Score(tp=8, fp=2, fn=2)
    assert s.precision == pytest.approx(0.8)
    assert s.f1 == pytest.approx(0.8)
    assert Score().f1 == 1.0


def write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")


def test_layouts(tmp_path: Path) -> None:
    write(tmp_path / "seeds" / "001_a.txt", "text one")
    write(tmp_path / "dev-gold" / "001_a.json", {**gold(), "file": "001_a.txt"})
    write(tmp_path / "real" / "articles" / "007.txt", "text two")
    write(tmp_path / "real" / "articles" / "007.meta.json", {"language": "ko"})
    write(tmp_path / "real" / "gold" / "007.json", {**gold(), "file": "007.txt"})
    write(tmp_path / "fx" / "de" / "a.txt", "text three")
    write(tmp_path / "fx" / "de" / "a.json", gold())
    write(tmp_path / "fx" / "de" / "heldout" / "b.txt", "text four")
    write(tmp_path / "fx" / "de" / "heldout" / "b.json", gold())

    assert [d.text_path.name for d in find_gold(tmp_path / "dev-gold")] == ["001_a.txt"]
    (real,) = find_gold(tmp_path / "real")
    assert (real.text_path.name, real.language_hint) == ("007.txt", "ko")
    assert len(find_gold(tmp_path / "fx")) == 2
    assert [d.text_path.name for d in find_gold(tmp_path / "fx", exclude=("heldout",))] == ["a.txt"]
    assert [d.text_path.name for d in find_gold(tmp_path / "fx", only=("heldout",))] == ["b.txt"]


def test_missing_text_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "g" / "x.json", {**gold(), "file": "nowhere.txt"})
    with pytest.raises(FileNotFoundError):
        find_gold(tmp_path / "g")


def test_the_year_breaks_ties() -> None:
    g = gold(index_facts=[{**fact("Ha Nam", 91.2, 4), "year": 2023}])
    p = gold(
        index_facts=[
            {**fact("Ha Nam", rank=4), "year": 2019},
            {**fact("Ha Nam", 91.2, 4), "year": 2023},
        ]
    )
    scores, errors = score_document(g, p, "")
    assert (scores["index_facts"].tp, scores["index_facts"].fp) == (1, 1)
    assert errors["index_facts"]["extra"][0]["year"] == 2019

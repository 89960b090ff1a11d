"""``extract_document``: one document in, one immutable Extraction out (pure, no I/O).

The steps run in this visible order: document parsing -> language -> sentences -> entities
-> index facts -> percentages -> initiatives -> mentions_only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

try:  # the entities helper's gazetteer; until it lands, no places are matched
    from extract import gazetteer
except ImportError:  # pragma: no cover - temporary
    gazetteer = None  # type: ignore[assignment]
from extract.facts_lexicon import load_lexicon
from extract.index_facts import PlaceLike, find_index_facts, index_mentions
from extract.models import Document, Entity, Extraction, IndexFact
from extract.percentages import find_percentages
from extract.sentences import sentence_spans

__all__ = ["extract_document", "mentions_only"]


def _decode(body: bytes | str) -> str:
    if isinstance(body, str):
        return body
    return body.decode("utf-8", errors="replace")


def _language(text: str, hint: str | None) -> str:
    """Temporary until extract.language lands: the hint, else langdetect."""
    if hint:
        return hint
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        code = detect(text[:5000])
    except LangDetectException:
        return "en"
    return {"no": "nb", "zh-cn": "zh", "zh-tw": "zh"}.get(code, code)


def _place_entities(places: tuple[PlaceLike, ...]) -> tuple[Entity, ...]:
    return tuple(
        Entity(
            p.text,
            "PROVINCE" if p.kind == "province" else "DISTRICT",
            p.canonical,
            p.start,
            p.end,
        )
        for p in places
    )


def _main_province(places: tuple[PlaceLike, ...]) -> str | None:
    counts = Counter(
        getattr(p, "province", None) or p.canonical
        for p in places
        if p.kind in ("province", "district")
    )
    return counts.most_common(1)[0][0] if counts else None


def _unit_in_year(name: str | None, year: int | None) -> str | None:
    """Name the unit as it was in ``year``: a 2024 fact about "Huế" is about Thua Thien Hue."""
    if name is None or year is None or gazetteer is None:
        return name
    unit = gazetteer.province(name)
    if unit is None or unit.valid_from is None or unit.valid_from.year <= year:
        return name
    end_of_year = date(year, 12, 31)
    before = [
        p.name
        for p in gazetteer.provinces()
        if p.merged_into == unit.name and p.valid_on(end_of_year)
    ]
    return before[0] if len(before) == 1 else name


def _dated(facts: tuple[IndexFact, ...]) -> tuple[IndexFact, ...]:
    return tuple(replace(f, subject=_unit_in_year(f.subject, f.year)) for f in facts)


def mentions_only(text: str, language: str, facts: tuple[IndexFact, ...]) -> tuple[str, ...]:
    """Return index codes the text names without any figure for them."""
    mentions = index_mentions(text, load_lexicon(language))
    named = dict.fromkeys(code for _, _, code in mentions if not code.startswith("OTHER"))
    with_figures = {f.index_name for f in facts}
    return tuple(code for code in named if code not in with_figures and code != "OTHER")


def extract_document(doc: Document) -> Extraction:
    """Extract entities, index facts, percentages and initiatives from one document."""
    text = _decode(doc.body)
    language = _language(text, doc.language)
    sentences = sentence_spans(text)
    places = gazetteer.match_places(text) if gazetteer is not None else ()
    entities = _place_entities(places)
    facts = _dated(find_index_facts(text, language, places=places, sentences=sentences))
    percentages = find_percentages(
        text,
        language,
        places=places,
        sentences=sentences,
        default_subject=_main_province(places),
    )
    return Extraction(
        url=doc.url,
        language=language,
        text=text,
        entities=entities,
        index_facts=facts,
        percentages=percentages,
        mentions_only=mentions_only(text, language, facts),
    )

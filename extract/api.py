"""``extract_document``: one document in, one immutable Extraction out (pure, no I/O).

The steps run in this visible order: document parsing -> language -> boilerplate mask ->
sentences -> entities -> index facts -> percentages -> initiatives -> mentions_only. The
extractors read the text with related-article blocks and banners blanked (same offsets).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from extract import gazetteer
from extract.boilerplate import mask_boilerplate
from extract.document import parse_document
from extract.entities import find_entities
from extract.fact_subjects import index_mentions
from extract.facts_lexicon import load_lexicon
from extract.index_facts import find_index_facts
from extract.initiatives import find_initiatives
from extract.language import iso639_1
from extract.models import Document, Extraction, IndexFact, Percentage
from extract.percentages import find_percentages
from extract.sentences import sentence_spans

__all__ = ["extract_document", "mentions_only"]


def _main_province(places: tuple[gazetteer.PlaceMatch, ...]) -> str | None:
    counts = Counter(
        p.province for p in places if p.province and p.kind in ("province", "district")
    )
    return counts.most_common(1)[0][0] if counts else None


def _unit_in_year(name: str | None, year: int | None) -> str | None:
    """Name the unit as it was in ``year``: a 2024 fact about "Huế" is about Thua Thien Hue."""
    if name is None or year is None:
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


def _dated_facts(facts: tuple[IndexFact, ...]) -> tuple[IndexFact, ...]:
    return tuple(replace(f, subject=_unit_in_year(f.subject, f.year)) for f in facts)


def _dated_percentages(items: tuple[Percentage, ...]) -> tuple[Percentage, ...]:
    return tuple(replace(p, subject=_unit_in_year(p.subject, p.year)) for p in items)


def mentions_only(text: str, language: str, facts: tuple[IndexFact, ...]) -> tuple[str, ...]:
    """Return index codes the text names without any figure for them."""
    mentions = index_mentions(text, load_lexicon(language))
    named = dict.fromkeys(code for _, _, code in mentions if not code.startswith("OTHER"))
    with_figures = {f.index_name for f in facts}
    return tuple(code for code in named if code not in with_figures)


def extract_document(doc: Document) -> Extraction:
    """Extract entities, index facts, percentages and initiatives from one document.

    Raises:
        ExtractionError: The document cannot be read (see ``extract.document``).
    """
    parsed = parse_document(doc)
    text = parsed.text
    language = iso639_1(parsed.language)
    body = mask_boilerplate(text)  # offsets and evidence are the same as in ``text``
    sentences = sentence_spans(body)
    places = gazetteer.match_places(body)
    entities = find_entities(body, language)
    facts = _dated_facts(find_index_facts(body, language, places=places, sentences=sentences))
    percentages = _dated_percentages(
        find_percentages(
            body,
            language,
            places=places,
            sentences=sentences,
            default_subject=_main_province(places),
        )
    )
    initiatives = find_initiatives(body, language)
    return Extraction(
        url=doc.url,
        language=language,
        text=text,
        title=parsed.title,
        published=parsed.published,
        author=parsed.author,
        original_url=parsed.original_url,
        language_confidence=parsed.language_confidence,
        text_origin=parsed.text_origin,
        paragraph_languages=parsed.paragraph_languages,
        entities=entities,
        index_facts=facts,
        percentages=percentages,
        initiatives=initiatives,
        mentions_only=mentions_only(body, language, facts),
    )

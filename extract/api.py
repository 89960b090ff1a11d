"""``extract_document``: one document in, one immutable Extraction out (pure, no I/O).

The steps run in this visible order: size check -> document parsing -> language ->
boilerplate mask -> sections, and in each section: sentences -> entities -> index facts ->
percentages -> initiatives -> mentions_only. The extractors read the text with
related-article blocks and banners blanked (same offsets), one bounded section at a time
(``extract.sections``), so a document of any length is read in bounded memory and in time
linear in its length; their findings are merged with offsets into the whole text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from extract import gazetteer
from extract.boilerplate import mask_boilerplate
from extract.document import parse_document
from extract.entities import find_entities
from extract.errors import DocumentTooLarge
from extract.fact_subjects import index_mentions
from extract.facts_lexicon import load_lexicon
from extract.index_facts import find_index_figures
from extract.initiatives import find_initiatives
from extract.language import iso639_1
from extract.models import Document, Extraction, IndexFact, Percentage
from extract.percentages import find_percentages
from extract.sections import Section, cited, merge_sections, split_sections
from extract.sentences import sentence_spans

__all__ = ["MAX_DOCUMENT_BYTES", "check_size", "extract_document", "mentions_only"]

MAX_DOCUMENT_BYTES = 50_000_000  # default size limit of one document (50 MB)


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


def check_size(size: int, max_bytes: int) -> None:
    """Refuse a document of ``size`` bytes (or characters of a text) over ``max_bytes``.

    Raises:
        DocumentTooLarge: ``size`` is over the limit.
    """
    if size > max_bytes:
        raise DocumentTooLarge(
            f"{size / 1e6:g} MB, over the size limit of one document ({max_bytes / 1e6:g} MB)"
        )


def _extract_section(body: str, language: str) -> dict[str, tuple[Any, ...]]:
    """Run every extractor on one section's text; offsets index that text."""
    sentences = sentence_spans(body)
    places = gazetteer.match_places(body)
    found, candidates = find_index_figures(body, language, places=places, sentences=sentences)
    facts = _dated_facts(found)
    percentages = find_percentages(
        body,
        language,
        places=places,
        sentences=sentences,
        default_subject=_main_province(places),
    )
    return {
        "entities": find_entities(body, language, places=places),
        "index_facts": facts,
        "fact_candidates": candidates,
        "percentages": _dated_percentages(percentages),
        "initiatives": find_initiatives(body, language),
        "mentions_only": mentions_only(body, language, facts),
    }


def _sections(body: str, language: str) -> Iterator[tuple[Section, dict[str, tuple[Any, ...]]]]:
    for section in split_sections(body):
        yield section, _extract_section(body[section.start : section.end], language)


def extract_document(doc: Document, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Extraction:
    """Extract entities, index facts, percentages and initiatives from one document.

    Args:
        doc: The document.
        max_bytes: The largest body read; a larger one is refused before any work.

    Raises:
        ExtractionError: The document cannot be read (see ``extract.document``) or is
            larger than ``max_bytes`` (``DocumentTooLarge``).
    """
    check_size(len(doc.body), max_bytes)
    parsed = parse_document(doc)
    text = parsed.text
    language = iso639_1(parsed.language)
    body = mask_boilerplate(text)  # offsets and evidence are the same as in ``text``
    merged = merge_sections(_sections(body, language))
    found = {name: cited(items, parsed.pages) for name, items in merged.items()}
    with_figures = {f.index_name for f in found["index_facts"]}
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
        **{
            **found,  # a code named in one section may have figures in another
            "mentions_only": tuple(c for c in found["mentions_only"] if c not in with_figures),
        },
    )

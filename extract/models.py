"""Data contracts of extraction: a document in, an immutable Extraction out."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

EXTRACTOR_VERSION = "0.5.0"

IndexName = Literal["PAR_INDEX", "PAPI", "PCI", "SIPAS", "DDCI", "DTI", "ICT_INDEX", "PGI", "OTHER"]
InitiativeCategory = Literal[
    "one_stop_shop",
    "online_public_services",
    "digitisation",
    "e_government",
    "apparatus_streamlining",
    "staff_discipline_ethics",
    "accountability_commitments",
    "procedure_simplification",
    "smart_city",
    "propaganda_communication",
    "other",
]
EntityLabel = Literal["PROVINCE", "DISTRICT", "PERSON", "ORG"]


@dataclass(frozen=True, slots=True)
class Document:
    """A document to extract from: raw bytes or text, with what is known about it."""

    url: str
    body: bytes | str
    content_type: str | None = None  # "text/html", "text/plain", "application/pdf"
    language: str | None = None  # ISO 639-1 hint; detected when None
    headers: tuple[tuple[str, str], ...] = ()
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence or clause that states a fact, with offsets into ``Extraction.text``."""

    sentence: str
    span_start: int  # Extraction.text[span_start:span_end] == sentence
    span_end: int
    page: int | None = None  # PDF reports: the page (from 1) the sentence starts on


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity occurrence, linked to a canonical name where one is known."""

    text: str
    label: EntityLabel
    canonical: str | None
    span_start: int
    span_end: int
    title: str | None = None  # people: the title as written
    name_en: str | None = None  # people: romanised name


@dataclass(frozen=True, slots=True)
class IndexFact:
    """One figure reported for a named index."""

    index_name: str  # "PAR_INDEX", "PCI", ... or "OTHER" (JSON key: "index")
    index_label: str | None  # the index's own name when index_name is "OTHER"
    subject: str | None  # canonical English name: "Phu Yen"
    year: int | None
    score: float | None
    score_unit: Literal["%", "points"] | None
    rank: int | None
    rank_total: int | None
    rank_change: int | None  # signed: up 16 places = 16
    comparison_label: str | None  # "national average", "2023", ...
    comparison_value: float | None
    evidence: Evidence
    rank_scope: str | None = None  # the region or group a rank is within; None: national
    confidence: float = 1.0  # how sure the rules are (see extract.fact_confidence)
    rule: str | None = None  # what produced it ("sentence", "table", "list", ...)


@dataclass(frozen=True, slots=True)
class FactCandidate:
    """A number the extractor saw beside an index mention but did not keep as a fact.

    ``role`` says what the number is taken to be instead ("score change", "sub-index",
    "maximum", "threshold", "count", "uncertain subject", ...), so a reviewer can audit it.
    """

    index_name: str
    subject: str | None
    year: int | None
    value: float | None
    role: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Percentage:
    """A percentage and what it measures."""

    value: float
    measures: str | None  # None when unclear, never guessed
    subject: str | None
    year: int | None
    comparison_value: float | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Initiative:
    """A named reform model, slogan or programme."""

    name: str
    category: InitiativeCategory
    evidence: Evidence
    catalogue_id: str | None = None  # the catalogue programme it names; None when discovered
    mentions: int = 1  # how many clauses of the text name it; evidence is the first
    name_as_written: str | None = None  # a catalogue programme's alias as the text writes it


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document; pure data, pickles across processes."""

    url: str
    language: str
    text: str
    title: str | None = None
    published: date | None = None
    author: str | None = None
    original_url: str | None = None
    language_confidence: float | None = None
    text_origin: Literal["text", "html", "pdf"] = "text"
    paragraph_languages: tuple[tuple[int, int, str], ...] = ()  # (start, end, lang)
    entities: tuple[Entity, ...] = ()
    index_facts: tuple[IndexFact, ...] = ()
    fact_candidates: tuple[FactCandidate, ...] = ()
    percentages: tuple[Percentage, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    mentions_only: tuple[str, ...] = ()
    extractor_version: str = EXTRACTOR_VERSION


def _evidence_json(ev: Evidence) -> dict[str, Any]:
    found = {"evidence": ev.sentence, "span_start": ev.span_start, "span_end": ev.span_end}
    return found if ev.page is None else {**found, "page": ev.page}


def to_json(extraction: Extraction, *, file: str | None = None) -> dict[str, Any]:
    """Return the JSON shape of ``newsintel facts`` (the dev-gold shape plus spans)."""
    ents = extraction.entities

    def names(label: str) -> list[str]:
        seen: dict[str, None] = {}
        for e in ents:
            if e.label == label:
                seen.setdefault(e.canonical or e.text, None)
        return list(seen)

    people: dict[str, dict[str, Any]] = {}
    for e in ents:
        if e.label == "PERSON" and (e.name_en or e.text) not in people:
            people[e.name_en or e.text] = {"name": e.text, "name_en": e.name_en, "title": e.title}
    facts = []
    for f in extraction.index_facts:
        d = {k: v for k, v in asdict(f).items() if k not in ("index_name", "evidence")}
        facts.append({"index": f.index_name, **d, **_evidence_json(f.evidence)})
    return {
        "file": file or extraction.url,
        "url": extraction.url,
        "language": extraction.language,
        "language_confidence": extraction.language_confidence,
        "offsets_index": extraction.text_origin,
        "title": extraction.title,
        "published": extraction.published.isoformat() if extraction.published else None,
        "author": extraction.author,
        "original_url": extraction.original_url,
        "provinces": names("PROVINCE"),
        "districts": names("DISTRICT"),
        "people": list(people.values()),
        "organisations": names("ORG"),
        "mentions_only": list(extraction.mentions_only),
        "entities": [
            {
                "text": e.text,
                "label": e.label,
                "canonical": e.canonical,
                "span_start": e.span_start,
                "span_end": e.span_end,
            }
            for e in ents
        ],
        "index_facts": facts,
        "fact_candidates": [
            {
                "index": c.index_name,
                "subject": c.subject,
                "year": c.year,
                "value": c.value,
                "role": c.role,
                **_evidence_json(c.evidence),
            }
            for c in extraction.fact_candidates
        ],
        "percentages": [
            {
                "value": p.value,
                "measures": p.measures,
                "subject": p.subject,
                "year": p.year,
                "comparison_value": p.comparison_value,
                **_evidence_json(p.evidence),
            }
            for p in extraction.percentages
        ],
        "initiatives": [
            {
                "name": i.name,
                "category": i.category,
                "catalogue_id": i.catalogue_id,
                "mentions": i.mentions,
                **_evidence_json(i.evidence),
            }
            for i in extraction.initiatives
        ],
        "extractor_version": extraction.extractor_version,
    }

# full-width punctuation is data here
"""Reform initiatives: named models, mottos and programmes, with a category and evidence.

National programmes come from the catalogue (``extract.initiative_catalogue``): one initiative
per programme and text, named in English, with the catalogue id. Other initiatives must be
named in the clause: a quoted model, motto or programme after a cue word ("Paperless
Thursday") or a programme with its own capitalised name or number; the keywords of
``extract/lexicons/initiatives/<lang>.toml`` (matched on folded text, plus English, which
articles in every language quote) give its category. The evidence is the clause.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from extract.initiative_catalogue import catalogue_matches, keyword_pattern, shortest_alias
from extract.initiative_discovery import discovered_names
from extract.models import Evidence, Initiative, InitiativeCategory
from extract.normalize import Folded, fold, fold_with_offsets
from extract.sentences import bracket_start, sentence_spans

__all__ = ["InitiativeLexicon", "find_initiatives", "initiative_lexicon"]

CATEGORIES: tuple[InitiativeCategory, ...] = (
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
)
_MAX_PER_CLAUSE = 2
_CLAUSE_BREAK = re.compile(r";|:(?!\d)|,\s|،\s?|、|，|；|\n")
_MIN_CLAUSE = 12
_BRACKETED = re.compile(r"\s*[(（][^()（）\n]{1,120}[)）]")
_CLOSE_BRACKET = re.compile(r"[)）]")
# A clause carrying a decimal score or opening a numbered list is an index dimension or a
# statistic ("(3) accountability to citizens (4.38 points)"), not a measure taken.
# A clause about an index or a ranking reports a result, not a measure taken.
_ABOUT_AN_INDEX = re.compile(
    # Latin words end at a Latin letter only: "PAPIデータ" names PAPI too
    r"(?<![\w])(?:pci|papi|sipas|dti|par index|xep hang|chi so|ranking|ranked|rangert|"
    r"peringkat|indeks|index|indice|classement|clasificacion|classifica|rangliste)"
    r"(?![0-9a-z\u00c0-\u024f])|(?<![\w])(?:рейтинг|индекс|مؤشر|ترتيب)(?!\w)"
    r"|\w(?:index|indeks)(?!\w)|(?<!\w)ddci\s*\d{4}"
    r"|指数|ランキング|순위|지수|排名|ดัชนี|อันดับ"
    # a clause saying who leads or where one ranks reports a result too
    r"|(?<!\w)(?:dan dau|dung dau|ngoi dau|vi tri thu|xep thu|led the|leads the|topped|lidera|"
    r"encabez\w*|en tete|in testa)(?!\w)|首位|榜首|位列|선두"
    # the dimensions an index scores are not measures ("control of corruption")
    r"|(?<!\w)(?:truc noi dung|noi dung thanh phan|kiem soat tham nhung|"
    r"control de la corrupcion|control(?:ling)? of corruption|"
    r"vertical accountability|accountability to "
    r"citizens|participation at local levels?|environmental governance|"
    r"transparency in local decision|controllo della corruzione|"
    r"controle de la corruption|kontrolle der korruption|kontrol korupsi)(?!\w)"
)
# A clause giving a percentage reports a statistic ("64% of files were filed online").
_STATISTIC = re.compile(
    r"\d\s?(?:%|٪|percent|per cent|persen|prosent|prozent|por ciento|pour cent|per cento|"
    r"por cento|процент|パーセント|퍼센트|เปอร์เซ็นต์)|ร้อยละ|百分之"
)
# ...unless it sets a cut as a target ("files will be handled a fifth faster, 20% less").
_TARGET = re.compile(
    r"(?<!\w)(?:reduc|cut|at least|giam|toi thieu|it nhat|mengurangi|memangkas|setidaknya|"
    r"redui|reduc|ridur|reduz|reduser|senk|сократ|сниз)|减少|缩短|削減|短縮|단축|감축|خفض|تقليص"
)
# Keywords inside a body's name are no measure (a ministry "for Information and Media").
_BODY_NAMES = re.compile(
    r"(?:information|informasi|information|informations|informazione|informacion|informacao|"
    r"informasjon|информации|thong tin|المعلومات)\s+(?:and|und|dan|et|e|y|og|и|va|و)\s*"
    r"(?:(?:la|les|das)\s+)?\w+|信息(?:和|与)?(?:传媒|通信|传播)|情報通信|정보통신"
)
# Counting what was received ("received 645 online applications") reports a result.
_RECEIVED_COUNT = re.compile(
    r"(?<!\w)(?:received|receiving|mottok|mottatt|tiep nhan|da nhan|menerima|diterima|recu|recus|"
    r"recibio|recibieron|recebeu|receberam|ricevut\w*|erhielt|erhalten|получил\w*|принял\w*|"
    r"استقبل\w*|تلق\w*)(?!\w)[^\d]{0,60}\d"
    r"|(?:接收|受理|收到|受け付け|受付|접수|받았)[^\d]{0,20}\d"
    # ...and so is counting who was surveyed ("surveyed 8,500 firms")
    r"|(?<!\w)(?:surveyed|survey of|khao sat|thu ve|menyurvei|sondeo|sondage|befragt|опрошен\w*)"
    r"(?!\w)[^\d]{0,40}\d|调查了?\s*\d|조사[^\d]{0,10}\d"
)
_NOT_A_MEASURE = re.compile(r"[(（]\s*\d+[.,]\d+\s*[^\d\s()（）%]{0,8}\s*[)）]|^\(?\d{1,2}\)")
_PROGRAMME = re.compile(
    r"(?<!\w)(?:project|de an|proyek|prosjekt|projekt|projet|proyecto|progetto|projeto|"
    r"المشروع|مشروع|проект|提案|项目|プロジェクト|프로젝트)\s*(?:no\.?\s*|số\s*|رقم\s*|第)?"
    r"0?6(?:/cp)?(?!\d)"
)


# A navigation bar or breadcrumb ("Home | Government | Reform") is no sentence.
_MENU = re.compile(r"\s\|\s")
_QUOTE = re.compile('["\u201c\u201d\u00ab\u00bb\u201e\u300c\u300e]')


@dataclass(frozen=True, slots=True)
class InitiativeLexicon:
    """Keywords, cues and action verbs of one language.

    Keywords per category; cues that introduce a named model; verbs whose object is a
    programme, written before it (``actions``) or after it (``actions_after``).
    """

    language: str
    keywords: tuple[tuple[InitiativeCategory, re.Pattern[str]], ...]
    cues: re.Pattern[str] | None
    actions: re.Pattern[str] | None = None
    actions_after: re.Pattern[str] | None = None


def _dir() -> Any:
    return resources.files("extract") / "lexicons" / "initiatives"


@cache
def initiative_lexicon(language: str) -> InitiativeLexicon | None:
    """Return the initiative keywords of ``language``, or None when it has no file.

    Args:
        language: ISO 639-1 code.
    """
    path = _dir() / f"{language}.toml"
    if not path.is_file():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    keywords = []
    for category in CATEGORIES:
        pattern = keyword_pattern(
            data["categories"].get(category, []), stems=data.get("stems", False)
        )
        if pattern is not None:
            keywords.append((category, pattern))
    return InitiativeLexicon(
        language,
        tuple(keywords),
        keyword_pattern(data.get("cues", [])),
        keyword_pattern(data.get("actions", [])),
        keyword_pattern(data.get("actions_after", [])),
    )


def _lexicons(language: str) -> tuple[InitiativeLexicon, ...]:
    found = (initiative_lexicon(language), initiative_lexicon("en") if language != "en" else None)
    return tuple(lex for lex in found if lex is not None)


def _in_brackets(text: str, pos: int, floor: int, end: int) -> bool:
    """Whether ``pos`` sits inside a bracket opened after ``floor`` and closed before ``end``."""
    if bracket_start(text, pos, floor) is None:
        return False
    close = _CLOSE_BRACKET.search(text, pos, end)
    return close is not None and "(" not in text[pos : close.start()]


def _unbracketed(clause: str) -> tuple[str, list[int]]:
    """``clause`` without its bracketed asides, and each kept character's offset in it."""
    kept: list[int] = []
    cut = 0
    for m in _BRACKETED.finditer(clause):
        kept.extend(range(cut, m.start()))
        cut = m.end()
    kept.extend(range(cut, len(clause)))
    return "".join(clause[i] for i in kept), kept


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split the sentence ``text[start:end]`` into clauses; very short pieces join the next."""
    spans, cut = [], start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if _in_brackets(text, match.start(), cut, end):
            continue  # "(comune, distretto e provincia)" stays in its clause
        if match.start() - cut >= _MIN_CLAUSE:
            spans.append((cut, match.start()))
            cut = match.end()
    if end > cut:
        spans.append((cut, end))
    return [
        (s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()
    ]


def _categories(
    folded: str, lexicons: tuple[InitiativeLexicon, ...]
) -> list[tuple[InitiativeCategory, int, int]]:
    """Return (category, start, end) of the best keyword hit per category, strongest first."""
    hits: Counter[InitiativeCategory] = Counter()
    first: dict[InitiativeCategory, tuple[int, int]] = {}
    for lex in lexicons:
        for category, pattern in lex.keywords:
            for m in pattern.finditer(folded):
                hits[category] += 1
                first.setdefault(category, (m.start(), m.end()))
    programme = _PROGRAMME.search(folded)
    if programme:
        hits["e_government"] += 2
        first["e_government"] = programme.span()
    ranked = sorted(hits, key=lambda c: (-hits[c], first[c][0]))
    return [(c, *first[c]) for c in ranked]


def _is_statistic(folded: str) -> bool:
    if _RECEIVED_COUNT.search(folded):
        return True
    return bool(_STATISTIC.search(folded)) and not _TARGET.search(folded)


def _is_heading(text: str, start: int, end: int) -> bool:
    """A sentence of three words or fewer is a heading or a list label, not a measure."""
    sentence = text[start:end]
    if _MENU.search(sentence):
        return True
    return len(sentence.split()) <= 3 and " " in sentence.strip() and not _QUOTE.search(sentence)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


@dataclass(frozen=True, slots=True)
class _SentenceContext:
    """What the whole sentence says, for clauses that say too little themselves."""

    categories: tuple[InitiativeCategory, ...]  # keyword categories of the whole sentence
    about_an_index: bool  # the sentence reports an index or ranking
    is_heading: bool


# Index dimensions: in a sentence about an index these words name what is scored.
_DIMENSION_CATEGORIES = frozenset(["accountability_commitments", "staff_discipline_ethics"])


def _sentence_context(
    text: str, start: int, end: int, lexicons: tuple[InitiativeLexicon, ...]
) -> _SentenceContext:
    folded = fold(text[start:end])
    categories = _categories(_BODY_NAMES.sub(_blank, folded), lexicons)
    return _SentenceContext(
        tuple(c for c, _, _ in categories),
        bool(_ABOUT_AN_INDEX.search(folded)),
        _is_heading(text, start, end),
    )


def _from_sentence(
    text: str,
    clause: tuple[int, int],
    evidence: Evidence,
    language: str,
    context: _SentenceContext,
    *,
    unnamed: bool,
    listed: bool = False,
    taken: list[tuple[int, int]] | None = None,
) -> list[Initiative]:
    """Initiatives the clause ``text[clause]`` names outside the catalogue.

    ``listed``: the clause before named a quoted measure, so a clause that is only a quoted
    name continues that list. ``taken``: spans of catalogue programmes in the clause; a name
    overlapping one is that programme, and a keyword beside one names no other measure.
    """
    start, end = clause
    sentence = text[start:end]
    key = fold(sentence)
    if context.is_heading or _NOT_A_MEASURE.search(sentence):
        return []
    if _ABOUT_AN_INDEX.search(key) or _is_statistic(key):
        return []
    lexicons = _lexicons(language)
    names = [
        n
        for n in discovered_names(sentence, language, listed=listed)
        if not any(n.start < e and s < n.end for s, e in taken or ())
    ]
    if names:
        return [
            Initiative(n.name, _name_category(n.name, lexicons, context), evidence)
            for n in names[:_MAX_PER_CLAUSE]
        ]
    if not unnamed or taken:
        return []  # a keyword alone is a topic, not an initiative
    folded = fold_with_offsets(sentence)
    categories = _categories(_BODY_NAMES.sub(_blank, folded.text), lexicons)
    if context.about_an_index:
        categories = [c for c in categories if c[0] not in _DIMENSION_CATEGORIES]
    out: list[Initiative] = []
    for category, kw_start, kw_end in categories[:_MAX_PER_CLAUSE]:
        s, e = folded.original_span(kw_start, kw_end)
        out.append(Initiative(_phrase(sentence, s, e), category, evidence))
    return out


def _name_category(
    name: str, lexicons: tuple[InitiativeLexicon, ...], context: _SentenceContext
) -> InitiativeCategory:
    """A named measure takes the category its own words give, else its sentence's, else other."""
    own = _categories(fold(name), lexicons)
    if own:
        return own[0][0]
    usable = [
        c for c in context.categories if not (context.about_an_index and c in _DIMENSION_CATEGORIES)
    ]
    return usable[0] if usable else "other"


_PHRASE_WORDS_BEFORE = 3
_PHRASE_WORDS_AFTER = 6
_PHRASE_CHARS = 12  # scripts without spaces: characters on each side of the keyword
_TRIM = " ,.;:-\u2013\u2014\"'\u201c\u201d\u00ab\u00bb()\u3001\u3002\uff0c\u300c\u300d"


def _phrase(sentence: str, start: int, end: int) -> str:
    """Name a measure by the words around its keyword, not by the bare keyword."""
    words = [m.span() for m in re.finditer(r"\S+", sentence)]
    if len(words) < 2:  # scripts written without spaces
        a, b = max(0, start - _PHRASE_CHARS), end + _PHRASE_CHARS
    else:
        first = next(i for i, (_, e) in enumerate(words) if e > start)
        last = next((i for i, (s, _) in enumerate(words) if s >= end), len(words)) - 1
        a = words[max(0, first - _PHRASE_WORDS_BEFORE)][0]
        b = words[min(len(words) - 1, max(first, last) + _PHRASE_WORDS_AFTER)][1]
    return sentence[a:b].strip(_TRIM) or sentence[start:end]


_ACTION_GAP = re.compile(r"\W*(?:\w+\W+){0,2}$")  # up to two words ("the", "with the")
_ACTION_AFTER_GAP = 3  # characters between a programme and a verb written after it


def acted_on(folded: str, start: int, end: int, language: str) -> bool:
    """Whether the programme at ``folded[start:end]`` is the object of an action verb.

    "đẩy mạnh Đề án 06", "launched the Digital Saturday model", "プロジェクト06を推進": a
    verb of ``actions`` ends at most two words before it, or one of ``actions_after``
    begins right after it.
    """
    for lex in _lexicons(language):
        if lex.actions is not None:
            window = folded[max(0, start - 60) : start]
            for m in lex.actions.finditer(window):
                if _ACTION_GAP.match(window, m.end()):
                    return True
        if lex.actions_after is not None:
            m = lex.actions_after.search(folded, end, end + _ACTION_AFTER_GAP + 8)
            if m is not None and m.start() - end <= _ACTION_AFTER_GAP:
                return True
    return False


def _catalogued(
    text: str, clause: tuple[int, int], evidence: Evidence, language: str
) -> tuple[list[Initiative], list[tuple[int, int]]]:
    """Catalogue programmes named in the clause ``text[clause]``, and their spans there.

    A clause about an index names a programme only as the object of an action verb ("đẩy
    mạnh Đề án 06 ... nếu chỉ số thành phần giảm"); otherwise the programme is what the
    index scores ("the one-stop shop component").
    """
    folded = fold_with_offsets(text[clause[0] : clause[1]])
    key = folded.text
    if _NOT_A_MEASURE.search(text[clause[0] : clause[1]]) or _is_statistic(key):
        return [], []
    about_an_index = _ABOUT_AN_INDEX.search(key) is not None
    found: dict[str, Initiative] = {}
    spans: list[tuple[int, int]] = []
    for key, span_of in _matching_texts(text[clause[0] : clause[1]], folded):
        for m in catalogue_matches(key, language):
            if about_an_index and not acted_on(key, m.start, m.end, language):
                continue
            entry = m.entry
            start, end = span_of(*shortest_alias(m, key))
            written = text[clause[0] + start : clause[0] + end].strip()
            found.setdefault(
                entry.id,
                Initiative(entry.name, entry.category, evidence, entry.id, name_as_written=written),
            )
            spans.append(span_of(m.start, m.end))
    return list(found.values()), spans


def _matching_texts(
    clause: str, folded: Folded
) -> list[tuple[str, Callable[[int, int], tuple[int, int]]]]:
    """The folded clause, and the clause without its bracketed asides when it has some.

    "a tre livelli (comune, distretto e provincia) a due" names the two-tier model once its
    aside is left out; each text comes with its map to offsets in ``clause``.
    """
    out: list[tuple[str, Callable[[int, int], tuple[int, int]]]] = [
        (folded.text, folded.original_span)
    ]
    if _BRACKETED.search(clause):
        bare, offsets = _unbracketed(clause)
        bare_folded = fold_with_offsets(bare)

        def span_of(start: int, end: int) -> tuple[int, int]:
            s, e = bare_folded.original_span(start, end)
            return offsets[s], offsets[e - 1] + 1

        out.append((bare_folded.text, span_of))
    return out


def _key(initiative: Initiative, named: list[str]) -> str:
    """The catalogue id, else the folded name, or an earlier name holding it or held by it."""
    if initiative.catalogue_id is not None:
        return initiative.catalogue_id
    name = " ".join(fold(initiative.name).split())
    same = next((n for n in named if n in name or name in n), None)
    if same is None:
        named.append(name)
    return "named:" + (same or name)


def _merged(found: list[Initiative]) -> tuple[Initiative, ...]:
    """One initiative per programme or name: its first evidence and how often it was named.

    A discovered name holding another ("Sabtu Hari Warga Digital", "Hari Warga Digital")
    is the same initiative.
    """
    first: dict[str, Initiative] = {}
    mentions: Counter[str] = Counter()
    named: list[str] = []
    for initiative in found:
        key = _key(initiative, named)
        first.setdefault(key, initiative)
        mentions[key] += 1
    return tuple(replace(i, mentions=mentions[k]) for k, i in first.items())


def find_initiatives(text: str, language: str, *, unnamed: bool = False) -> tuple[Initiative, ...]:
    """Find reform initiatives stated in ``text``.

    A catalogue programme gives an initiative under its English name and catalogue id, once
    per text (its first clause is the evidence). Outside the catalogue a clause gives one
    only when it names the measure: a quoted model or motto after a cue word, or a
    programme written with its own name or number. A keyword alone names a topic, not an
    initiative: a meeting, a statistic or an index dimension must not become one.

    Args:
        text: the document's main text.
        language: ISO 639-1 code; its keyword file and the English one are used.
        unnamed: also keep measures named only by the words around their keyword (the
            extractor before the catalogue; about one in seven was an initiative on unseen
            real text).

    Returns:
        Initiatives in text order, each with its clause as evidence (offsets into ``text``).
    """
    lexicons = _lexicons(language)
    found: list[Initiative] = []
    for sentence_start, sentence_end in sentence_spans(text):
        if _is_heading(text, sentence_start, sentence_end):
            continue
        context = _sentence_context(text, sentence_start, sentence_end, lexicons)
        evidence = Evidence(text[sentence_start:sentence_end], sentence_start, sentence_end)
        listed = False  # the clause before named a quoted measure: a list may go on
        for clause in clause_spans(text, sentence_start, sentence_end):
            # names beside a programme are read too ("Đề án 06 và mô hình "Ngày thứ Bảy"")
            named, taken = _catalogued(text, clause, evidence, language)
            named += _from_sentence(
                text,
                clause,
                evidence,
                language,
                context,
                unnamed=unnamed,
                listed=listed,
                taken=taken,
            )
            listed = bool(named) and _QUOTE.search(text[clause[0] : clause[1]]) is not None
            found.extend(named)
    return _merged(found)

"""Ranked lists and shared figures: "followed by X, Y and Z", "respectively", "X and Y".

These rules run over one sentence's subjects and the figures already given to them (Drafts).
"""

from __future__ import annotations

import itertools
import re

from extract.fact_figures import Draft, Figure, number_value, spans
from extract.fact_subjects import Subject
from extract.facts_lexicon import FactsLexicon
from extract.models import IndexFact

__all__ = ["continue_list", "pair_respectively", "separated", "share_coordinated"]


def pair_respectively(
    text: str,
    start: int,
    end: int,
    figures: list[Figure],
    subjects: list[Subject],
    lexicon: FactsLexicon,
) -> dict[int, Subject]:
    """Pair subjects and scores in order ("X and Y at 43.96 and 41.78 respectively")."""
    lowered = text[start:end].lower()
    if not any(word.lower() in lowered for word in lexicon.respectively):
        return {}
    pairs: dict[int, Subject] = {}
    clause = _respectively_clause(text, start, end, lowered, lexicon)
    for kind in ("score", "rank"):
        every = sorted((f for f in figures if f.kind == kind), key=lambda f: f.start)
        # all the sentence's figures, else those of the clause holding the word
        # ("A以榜首…，B和C分列第二和第三")
        local = [f for f in every if clause[0] <= f.start < clause[1]]
        for listed, floor in ((every, start), (local, clause[0])):
            if len(listed) < 2:
                continue
            before = [s for s in subjects if floor <= s.start and s.end <= listed[0].start]
            before = [s for s in before if s.canonical][-len(listed) :]
            if len(before) == len(listed):
                pairs.update({id(f): s for f, s in zip(listed, before, strict=True)})
                break
    return pairs


def _respectively_clause(
    text: str, start: int, end: int, lowered: str, lexicon: FactsLexicon
) -> tuple[int, int]:
    """The clause (sentence part between ";", "，", ", ") that holds the respectively word."""
    at = min(
        (lowered.find(w.lower()) for w in lexicon.respectively if w.lower() in lowered),
        default=0,
    )
    cuts = [m.end() for m in re.finditer(r"[;；，,、]\s?", text[start:end])]
    left = max((c for c in cuts if c <= at), default=0)
    right = min((c for c in cuts if c > at), default=end - start)
    return start + left, start + right


def separated(text: str, start: int, end: int, cues: list[int]) -> bool:
    """Tell whether a list cue or a coordinator lies between a figure and a later subject."""
    if any(start <= c < end for c in cues):
        return True
    words = re.findall(r"\w+", text[start:end].lower())
    return any(w in _COORDINATORS for w in words)


_COORDINATORS = frozenset(
    {"と", "和", "và", "and", "und", "et", "y", "e", "и", "및", "과", "와", "dan", "og"}
)


def share_coordinated(text: str, subjects: list[Subject], drafts: dict[int, Draft]) -> None:
    """Give a lone shared rank to both coordinated subjects ("top: X and the State Bank")."""
    for first, second in itertools.pairwise(subjects):
        gap = text[first.end : second.start].strip().lower()
        if gap not in _COORDINATORS and not (len(gap) <= 3 and gap[-1:] in _COORDINATORS):
            continue  # "クアンニン省と中央銀行": a name suffix may sit before the "と"
        a, b = drafts.get(first.start), drafts.get(second.start)
        owner, other = (a, second) if a and not b else (b, first) if b and not a else (None, None)
        if owner is None or other is None:
            continue
        if len(owner.figures) == 1 and owner.figures[0].kind == "rank":
            drafts[other.start] = Draft(other, [owner.figures[0]])


def continue_list(
    norm: str,
    start: int,
    end: int,
    subjects: list[Subject],
    drafts: list[Draft],
    lexicon: FactsLexicon,
    facts: list[IndexFact],
    last_rank: int | None,
) -> None:
    """Give the subjects after "followed by" (or "3rd and below:") the next ranks."""
    if _rank_range(norm, start, end, subjects, drafts, lexicon):
        return
    if not spans(lexicon.list_cue, norm, start, end) and _ordered_top(
        norm, start, end, subjects, drafts, lexicon
    ):
        return
    cues = sorted(
        [(m.start(), m.end(), None) for m in spans(lexicon.list_cue, norm, start, end)]
        + [
            (m.start(), m.end(), int(m.groupdict().get("n") or 1))  # no n: from the first
            for m in spans(lexicon.list_from, norm, start, end)
        ]
    )
    if not cues:
        _continue_list_before(norm, start, end, subjects, drafts, lexicon, last_rank)
        return
    cue_start, cue_end, first_rank = cues[0]
    by_subject = {d.subject.start: d for d in drafts}
    if first_rank is not None:
        rank = first_rank - 1
    else:
        leaders = [d for d in drafts if d.subject.end <= cue_start]
        ranks = [f.value for d in leaders[-1:] for f in d.figures if f.kind == "rank"]
        if ranks:
            rank = int(ranks[-1])
        elif leaders or any(s.end <= cue_start for s in subjects):
            leader = [s for s in subjects if s.end <= cue_start][-1]
            earlier = [f.rank for f in facts if f.subject == leader.canonical and f.rank]
            if not earlier:
                return
            rank = earlier[-1]
        elif last_rank is not None:
            rank = last_rank
        else:
            return
    stop = norm.find(";", cue_end, end)
    for subject in subjects:
        if subject.start < cue_end or subject.canonical is None:
            continue
        if stop >= 0 and subject.start > stop:
            break  # "…, followed by X; Y was fourth": the list ended
        rank += 1
        draft = by_subject.get(subject.start)
        if draft is None:
            draft = Draft(subject)
            drafts.append(draft)
            by_subject[subject.start] = draft
        if not any(f.kind == "rank" for f in draft.figures):
            draft.figures.insert(0, _list_rank(subject, rank))
    drafts.sort(key=lambda d: d.subject.start)


def _continue_list_before(
    norm: str,
    start: int,
    end: int,
    subjects: list[Subject],
    drafts: list[Draft],
    lexicon: FactsLexicon,
    last_rank: int | None,
) -> None:
    """Korean and Japanese close a list with the cue: "X, Y, Z가 뒤를 이었다", "…の順"."""
    found = spans(lexicon.list_cue_after, norm, start, end)
    if not found:
        return
    cue_start = min(m.start() for m in found)
    ranked = [d for d in drafts if d.subject.end <= cue_start and _rank_of(d) is not None]
    headed = any(m.start() < cue_start for m in spans(lexicon.list_head, norm, start, end))
    rank = _rank_of(ranked[-1]) if ranked else 0 if headed else last_rank
    if rank is None:
        return
    after = ranked[-1].subject.end if ranked else start
    listed = [s for s in subjects if after <= s.start and s.end <= cue_start and s.canonical]
    by_subject = {d.subject.start: d for d in drafts}
    for subject in listed:
        rank += 1
        draft = by_subject.setdefault(subject.start, Draft(subject))
        if draft not in drafts:
            drafts.append(draft)
        if _rank_of(draft) is None:
            draft.figures.insert(0, _list_rank(subject, rank))
    drafts.sort(key=lambda d: d.subject.start)


def _rank_range(
    norm: str,
    start: int,
    end: int,
    subjects: list[Subject],
    drafts: list[Draft],
    lexicon: FactsLexicon,
) -> bool:
    """Give as many listed places as a rank range holds ranks in order ("X, Y, Z: 7th to 9th").

    The list may also follow the range ("第四至第十位的单位是：A、B…").
    """
    for m in spans(lexicon.rank_range, norm, start, end):
        first, last = _range_end(m.group("n"), lexicon), _range_end(m.group("m"), lexicon)
        count = last - first + 1
        listed = [s for s in subjects if s.end <= m.start() and s.canonical][-count:]
        after = [s for s in subjects if s.start >= m.end() and s.canonical][:count]
        if count < 2 or len(listed) < count:
            listed = after
        if count < 2 or len(listed) < count:
            continue
        by_subject = {d.subject.start: d for d in drafts}
        for rank, subject in enumerate(listed, start=first):
            draft = by_subject.setdefault(subject.start, Draft(subject))
            if draft not in drafts:
                drafts.append(draft)
            draft.figures = [f for f in draft.figures if f.kind != "rank"]
            draft.figures.insert(0, _list_rank(subject, rank))
        drafts.sort(key=lambda d: d.subject.start)
        return True
    return False


def _range_end(value: str, lexicon: FactsLexicon) -> int:
    """A range end written in digits or as an ordinal word ("四" in "第四至第十")."""
    return int(value) if value.isdigit() else lexicon.ordinals.get(value.lower(), 0)


def _ordered_top(
    norm: str,
    start: int,
    end: int,
    subjects: list[Subject],
    drafts: list[Draft],
    lexicon: FactsLexicon,
) -> bool:
    """Rank a "top N" list when the text says it is in order ("前三名依次为A、B、C")."""
    tops = spans(lexicon.top_n, norm, start, end)
    orders = spans(lexicon.ordered_cue, norm, start, end)
    if not tops or not orders or any(f.kind == "rank" for d in drafts for f in d.figures):
        return False
    size = number_value(tops[0], lexicon)
    after = min(m.start() for m in tops)
    listed = [s for s in subjects if s.start > after and s.canonical]
    if not size or not 1 < len(listed) <= size:
        return False
    by_subject = {d.subject.start: d for d in drafts}
    for rank, subject in enumerate(listed, start=1):
        draft = by_subject.setdefault(subject.start, Draft(subject))
        if draft not in drafts:
            drafts.append(draft)
        draft.figures.insert(0, _list_rank(subject, rank))
    drafts.sort(key=lambda d: d.subject.start)
    return True


def _list_rank(subject: Subject, rank: int) -> Figure:
    """The rank a list's order gives the subject at ``rank``."""
    return Figure("rank", subject.start, subject.end, float(rank), how="list")


def _rank_of(draft: Draft) -> int | None:
    ranks = [f.value for f in draft.figures if f.kind == "rank"]
    return int(ranks[-1]) if ranks else None

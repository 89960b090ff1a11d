"""Provinces for the index: the ``provinces`` table and place detection in queries.

The extraction package owns the gazetteer (``extract.gazetteer``); this module adapts it
to rows and, until that gazetteer is installed, falls back to a built-in list of the 63
provinces and centrally-governed cities (English and Vietnamese names only).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlite_utils import Database

from index.text import fold

__all__ = [
    "Place",
    "aliases_of",
    "fill_provinces",
    "find_places",
    "load_places",
    "place_mentions",
    "related_places",
]

_FALLBACK = """An Giang|An Giang;Ba Ria-Vung Tau|Bà Rịa - Vũng Tàu;Bac Giang|Bắc Giang;
Bac Kan|Bắc Kạn;Bac Lieu|Bạc Liêu;Bac Ninh|Bắc Ninh;Ben Tre|Bến Tre;Binh Dinh|Bình Định;
Binh Duong|Bình Dương;Binh Phuoc|Bình Phước;Binh Thuan|Bình Thuận;Ca Mau|Cà Mau;
Can Tho|Cần Thơ;Cao Bang|Cao Bằng;Da Nang|Đà Nẵng;Dak Lak|Đắk Lắk;Dak Nong|Đắk Nông;
Dien Bien|Điện Biên;Dong Nai|Đồng Nai;Dong Thap|Đồng Tháp;Gia Lai|Gia Lai;Ha Giang|Hà Giang;
Ha Nam|Hà Nam;Hanoi|Hà Nội;Ha Tinh|Hà Tĩnh;Hai Duong|Hải Dương;Hai Phong|Hải Phòng;
Hau Giang|Hậu Giang;Hoa Binh|Hòa Bình;Hung Yen|Hưng Yên;Khanh Hoa|Khánh Hòa;
Kien Giang|Kiên Giang;Kon Tum|Kon Tum;Lai Chau|Lai Châu;Lam Dong|Lâm Đồng;
Lang Son|Lạng Sơn;Lao Cai|Lào Cai;Long An|Long An;Nam Dinh|Nam Định;Nghe An|Nghệ An;
Ninh Binh|Ninh Bình;Ninh Thuan|Ninh Thuận;Phu Tho|Phú Thọ;Phu Yen|Phú Yên;
Quang Binh|Quảng Bình;Quang Nam|Quảng Nam;Quang Ngai|Quảng Ngãi;Quang Ninh|Quảng Ninh;
Quang Tri|Quảng Trị;Soc Trang|Sóc Trăng;Son La|Sơn La;Tay Ninh|Tây Ninh;
Thai Binh|Thái Bình;Thai Nguyen|Thái Nguyên;Thanh Hoa|Thanh Hóa;
Thua Thien Hue|Thừa Thiên Huế;Tien Giang|Tiền Giang;Ho Chi Minh City|Thành phố Hồ Chí Minh;
Tra Vinh|Trà Vinh;Tuyen Quang|Tuyên Quang;Vinh Long|Vĩnh Long;Vinh Phuc|Vĩnh Phúc;
Yen Bai|Yên Bái"""
_EXTRA_ALIASES = {
    "Hanoi": ("Ha Noi", "河内", "하노이", "ハノイ", "هانوي", "Ханой"),
    "Ho Chi Minh City": (
        "TP.HCM",
        "TPHCM",
        "Ho Chi Minh",
        "Saigon",
        "胡志明市",
        "호찌민",
        "هو تشي منه",
    ),
    "Da Nang": ("Danang", "岘港", "다낭", "دا نانغ"),
    "Hai Phong": ("Haiphong", "海防", "하이퐁"),
    "Quang Ninh": ("广宁", "꽝닌"),
    "Thua Thien Hue": ("Hue",),
    "Ba Ria-Vung Tau": ("Ba Ria - Vung Tau", "Ba Ria Vung Tau"),
    "Dak Lak": ("Daklak", "Dac Lac"),
}


@dataclass(frozen=True, slots=True)
class Place:
    """A province or centrally-governed city with every known spelling."""

    name: str
    name_vi: str | None
    aliases: tuple[str, ...]
    unit_type: str | None = None
    region: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    merged_into: str | None = None


def _from_gazetteer(items: Iterable[Any]) -> list[Place]:
    places = []
    for item in items:
        get = item.get if isinstance(item, dict) else lambda k, o=item: getattr(o, k, None)
        name = get("name") or get("canonical")
        aliases = tuple(get("aliases") or ())
        for _script, names in get("script_names") or ():
            aliases += tuple(names)
        places.append(
            Place(
                name=str(name),
                name_vi=get("name_vi"),
                aliases=aliases,
                unit_type=get("unit_type"),
                region=get("region"),
                valid_from=_text(get("valid_from")),
                valid_to=_text(get("valid_to")),
                merged_into=get("merged_into"),
            )
        )
    return places


def _text(value: object) -> str | None:
    return None if value is None else str(value)


@cache
def load_places() -> tuple[Place, ...]:
    """Return the provinces from ``extract.gazetteer.provinces()`` or the built-in list."""
    try:
        from extract.gazetteer import provinces  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        provinces = None
    if provinces is not None:
        return tuple(_from_gazetteer(provinces()))
    places = []
    for entry in _FALLBACK.replace("\n", "").split(";"):
        name, name_vi = entry.split("|")
        aliases = (name, name_vi, *_EXTRA_ALIASES.get(name, ()))
        unit = "city" if name in ("Hanoi", "Hai Phong", "Da Nang", "Can Tho") else "province"
        places.append(Place(name=name, name_vi=name_vi, aliases=aliases, unit_type=unit))
    places[[p.name for p in places].index("Ho Chi Minh City")] = Place(
        "Ho Chi Minh City",
        "Thành phố Hồ Chí Minh",
        ("Ho Chi Minh City", "Thành phố Hồ Chí Minh", *_EXTRA_ALIASES["Ho Chi Minh City"]),
        "city",
    )
    return tuple(places)


def fill_provinces(db: Database, places: Sequence[Place] | None = None) -> int:
    """Upsert every province into the ``provinces`` table; return how many."""
    rows = [
        {
            "name": p.name,
            "name_vi": p.name_vi,
            "name_ascii": fold(p.name),
            "unit_type": p.unit_type,
            "region": p.region,
            "valid_from": p.valid_from,
            "valid_to": p.valid_to,
            "merged_into": p.merged_into,
            "aliases": json.dumps(sorted(set(p.aliases)), ensure_ascii=False),
        }
        for p in (places if places is not None else load_places())
    ]
    with db.conn:
        db.table("provinces").upsert_all(rows, pk="name")
    return len(rows)


@cache
def _alias_patterns(places: tuple[Place, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    pairs: dict[str, str] = {}
    for place in places:
        for alias in (place.name, place.name_vi or "", *place.aliases):
            folded = fold(alias).strip()
            if len(folded) >= 2:
                pairs.setdefault(folded, place.name)
    ordered = sorted(pairs.items(), key=lambda kv: -len(kv[0]))
    return tuple(
        (
            re.compile(
                r"(?<!\w)" + re.escape(alias).replace(r"\ ", r"[\s\-]*") + r"(?!\w)"
                if alias.isascii()
                else re.escape(alias)
            ),
            name,
        )
        for alias, name in ordered
    )


def place_mentions(text: str, places: Sequence[Place] | None = None) -> list[tuple[str, str]]:
    """Return (folded mention, canonical province) for each place named in ``text``, in order.

    A district counts for its province. The mention is the text as written, folded, so a
    query can search it as one phrase instead of its (common) separate words.
    """
    try:
        from extract.gazetteer import match_places  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        match_places = None
    if match_places is not None and places is None:
        return [
            (fold(str(m.text)).strip(), str(m.province))
            for m in match_places(text)
            if getattr(m, "province", None)
        ]
    folded = fold(text)
    found: list[tuple[int, str, str]] = []
    for pattern, name in _alias_patterns(tuple(places or load_places())):
        match = pattern.search(folded)
        if match and name not in {f[2] for f in found}:
            found.append((match.start(), match.group().strip(), name))
            folded = folded[: match.start()] + " " * len(match.group()) + folded[match.end() :]
    return [(mention, name) for _, mention, name in sorted(found)]


def find_places(text: str, places: Sequence[Place] | None = None) -> list[str]:
    """Return canonical names of the provinces named in ``text`` (any script), in order."""
    return list(dict.fromkeys(name for _, name in place_mentions(text, places)))


def related_places(name: str, years: Sequence[int] = ()) -> dict[str, float]:
    """Return the units a query naming ``name`` is about, with weights, across the 2025 mergers.

    The named unit itself weighs 1. A unit merged into it, or the unit it was merged into,
    weighs 0.5 (the same area under another name), or 1 when it is what ``name`` was (or
    became) in a year the query names: "Hue 2024" is Thua Thien Hue, "Nam Dinh 2025" is part
    of Ninh Binh. Index results for a year are about the units that existed at its end.
    """
    by_name = {p.name: p for p in load_places()}
    weights = {name: 1.0}
    place = by_name.get(name)
    if place is None:
        return weights
    ends = [f"{year}-12-31" for year in years]

    def valid_at_some_end(p: Place) -> bool:
        return any(
            (p.valid_from is None or str(p.valid_from) <= end)
            and (p.valid_to is None or str(p.valid_to) >= end)
            for end in ends
        )

    named_valid = not ends or valid_at_some_end(place)
    related = [p for p in load_places() if p.merged_into == name]
    if place.merged_into and place.merged_into in by_name:
        related.append(by_name[place.merged_into])
    for other in related:
        if other.name != name:
            full = not named_valid and valid_at_some_end(other)
            weights[other.name] = 1.0 if full else 0.5
    return weights


@cache
def _aliases(name: str) -> tuple[str, ...]:
    for place in load_places():
        if place.name == name:
            return tuple(
                sorted({fold(a) for a in (place.name, place.name_vi or "", *place.aliases) if a})
            )
    return (fold(name),)


def aliases_of(name: str) -> list[str]:
    """Return every folded spelling of the province ``name``."""
    return list(_aliases(name))

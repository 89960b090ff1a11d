"""Reading and validating ``sources.toml``, the list of news sources to crawl.

The file holds one ``[[sources]]`` table per source (keys in ``FIELDS``; see
docs/readme/config.md). Every problem found is reported at once, each naming the file, the
source and the key, so a user fixes the whole file in one pass.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, get_args
from urllib.parse import urljoin, urlsplit

import babel

from crawler.errors import SourcesError
from crawler.models import Source, SourceKind

__all__ = ["FIELDS", "KINDS", "load_sources", "parse_sources", "source_for_url"]

KINDS: tuple[str, ...] = get_args(SourceKind)
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_DOMAIN = re.compile(
    r"^(?=.{1,253}(:\d{1,5})?$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$"
)


# Every key of a [[sources]] table and its TOML type, as error messages describe it.
FIELDS: dict[str, str] = {
    "name": "string",
    "home_url": "string (http/https URL)",
    "allowed_domains": "array of strings",
    "kind": "string",
    "languages": "array of strings (ISO 639-1)",
    "province": "string",
    "feeds": "array of strings (URLs)",
    "sitemaps": "array of strings (URLs)",
    "start_urls": "array of strings (URLs)",
    "allow": "array of strings (regular expressions)",
    "deny": "array of strings (regular expressions)",
    "article_patterns": "array of strings (regular expressions)",
    "max_pages": "integer >= 1",
    "max_depth": "integer >= 0",
    "revisit_days": "integer >= 1",
}
_REQUIRED = ("name", "home_url")
_TOP_LEVEL = {"sources"}


class _Problems:
    """Collects validation problems, each naming file, source and key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.messages: list[str] = []

    def add(self, where: str, key: str | None, problem: str) -> None:
        """Record one problem of source ``where`` (and ``key``, if one is at fault)."""
        at_key = f", key {key!r}" if key else ""
        self.messages.append(f"{self.path}: {where}{at_key}: {problem}")

    def raise_if_any(self) -> None:
        """Raise one ``SourcesError`` listing every problem recorded."""
        if self.messages:
            raise SourcesError("\n".join(self.messages))


def load_sources(path: Path | str | None) -> tuple[Source, ...]:
    """Read and validate a ``sources.toml`` file.

    Args:
        path: The file to read. The packaged default is located by the caller
            (``newsintel.config.default_sources_path()``): the crawler knows no package data.

    Returns:
        The sources in file order.

    Raises:
        SourcesError: The file is missing, is not TOML, or is invalid; the message names the
            file, and for each problem the source and the key.
    """
    if path is None:
        raise SourcesError("no sources file given: pass --sources FILE (or the bundled default)")
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: cannot read the sources file: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from exc
    return parse_sources(data, path)


def parse_sources(data: dict[str, Any], path: Path) -> tuple[Source, ...]:
    """Validate parsed TOML ``data`` (read from ``path``) into sources.

    Raises:
        SourcesError: Listing every problem, each naming file, source and key.
    """
    problems = _Problems(path)
    for key in sorted(set(data) - _TOP_LEVEL):
        problems.add("top level", key, f"unknown key; expected {sorted(_TOP_LEVEL)}")
    tables = data.get("sources", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        problems.add("top level", "sources", "must be an array of tables: [[sources]]")
        tables = []
    elif not tables:
        problems.add("top level", "sources", "no [[sources]] table in the file")
    sources: list[Source] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        source = _parse_one(table, number, problems)
        if source is None:
            continue
        if source.name in seen:
            problems.add(f"source {source.name!r} (#{number})", "name", "duplicate name")
        seen.add(source.name)
        sources.append(source)
    problems.raise_if_any()
    return tuple(sources)


def _parse_one(table: dict[str, Any], number: int, problems: _Problems) -> Source | None:
    """Validate one ``[[sources]]`` table; record problems and return ``None`` if any."""
    raw_name = table.get("name")
    where = f"source {raw_name!r} (#{number})" if isinstance(raw_name, str) else f"source #{number}"
    before = len(problems.messages)

    def bad(key: str, problem: str) -> None:
        problems.add(where, key, problem)

    for key in sorted(set(table) - set(FIELDS)):
        bad(key, f"unknown key; expected one of: {', '.join(FIELDS)}")
    for key in _REQUIRED:
        if key not in table:
            bad(key, f"missing; expected {FIELDS[key]}")
    values = _values(table, bad)
    if len(problems.messages) > before:
        return None
    # keys the table leaves out keep the Source defaults; allowed_domains has its own default
    given = {key: value for key, value in values.items() if key in table}
    return Source(**(given | {"allowed_domains": values["allowed_domains"]}))


def _values(table: dict[str, Any], bad: _Bad) -> dict[str, Any]:
    """Return every key's checked value (a placeholder where a check failed)."""
    name = _string(table, "name", bad)
    if name is not None and not _NAME.match(name):
        bad("name", f"{name!r} must be 1-64 of a-z, 0-9, '.', '_', '-' (lower case)")
    home_url = _url(table, "home_url", bad)
    domains = _domains(table, home_url, bad)
    kind = _choice(table, "kind", KINDS, bad)
    province = _string(table, "province", bad)
    if kind == "provincial" and "province" not in table:
        bad("province", "required when kind is 'provincial'")
    return {
        "name": name,
        "home_url": home_url,
        "allowed_domains": domains,
        "kind": kind,
        "province": province,
        "languages": _languages(table, bad),
        "feeds": _urls(table, "feeds", home_url, domains, bad),
        "sitemaps": _urls(table, "sitemaps", home_url, domains, bad),
        "start_urls": _urls(table, "start_urls", home_url, domains, bad),
        "allow": _patterns(table, "allow", bad),
        "deny": _patterns(table, "deny", bad),
        "article_patterns": _patterns(table, "article_patterns", bad),
        "max_pages": _integer(table, "max_pages", 1, bad),
        "max_depth": _integer(table, "max_depth", 0, bad),
        "revisit_days": _integer(table, "revisit_days", 1, bad),
    }


_Bad = Callable[[str, str], None]


def _type_name(value: object) -> str:
    return {bool: "boolean", int: "integer", float: "float", str: "string", list: "array"}.get(
        type(value), "table" if isinstance(value, dict) else type(value).__name__
    )


def _string(table: dict[str, Any], key: str, bad: _Bad) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        bad(key, f"expected a non-empty string, got {_type_name(value)} {value!r}")
        return None
    return value.strip()


def _strings(table: dict[str, Any], key: str, bad: _Bad) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        bad(key, f"expected an array of strings, got a string; write [{value!r}]")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        bad(key, f"expected an array of non-empty strings, got {value!r}")
        return ()
    return tuple(value)


def _integer(table: dict[str, Any], key: str, minimum: int, bad: _Bad) -> int | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        bad(key, f"expected an integer >= {minimum}, got {_type_name(value)} {value!r}")
        return None
    return value


def _choice(table: dict[str, Any], key: str, choices: Sequence[str], bad: _Bad) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if value not in choices:
        bad(key, f"unknown value {value!r}; expected one of: {', '.join(choices)}")
        return None
    return str(value)


def _check_url(value: str) -> str | None:
    """Return why ``value`` is not an absolute http(s) URL, or ``None`` if it is one."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  # raises ValueError on a bad port
    except ValueError as exc:
        return f"{value!r} is not a URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"{value!r} is not an http(s) URL"
    if not parts.hostname or any(c.isspace() for c in value):
        return f"{value!r} has no valid host"
    return None


def _url(table: dict[str, Any], key: str, bad: _Bad) -> str | None:
    value = _string(table, key, bad)
    if value is None:
        return None
    problem = _check_url(value)
    if problem:
        bad(key, problem)
        return None
    return value


def _netloc(url: str) -> str:
    return urlsplit(url).netloc.lower().rsplit("@", 1)[-1]


def _covers(domain: str, url: str) -> bool:
    """Whether allowed ``domain`` covers ``url``: same host or a subdomain; ``host:port`` exactly.

    The same rule as the crawler's scope check.
    """
    domain = domain.lower()
    if ":" in domain:
        return _netloc(url) == domain
    host = (urlsplit(url).hostname or "").lower()
    return host == domain or host.endswith("." + domain)


def _domains(table: dict[str, Any], home_url: str | None, bad: _Bad) -> tuple[str, ...]:
    if "allowed_domains" not in table:
        return (urlsplit(home_url).hostname or "",) if home_url else ()
    domains = tuple(d.lower() for d in _strings(table, "allowed_domains", bad))
    for domain in domains:
        if not _DOMAIN.match(domain):
            bad("allowed_domains", f"{domain!r} is not a host name (no scheme, no path)")
            return ()
    if not domains:
        bad("allowed_domains", "must list at least one domain")
    elif home_url and not any(_covers(d, home_url) for d in domains):
        bad("allowed_domains", f"none of {list(domains)} covers home_url {home_url!r}")
    return domains


def _urls(
    table: dict[str, Any],
    key: str,
    home_url: str | None,
    domains: Iterable[str],
    bad: _Bad,
) -> tuple[str, ...]:
    """Return the URLs under ``key``; relative ones are resolved against ``home_url``."""
    urls = []
    domains = tuple(domains)
    for value in _strings(table, key, bad):
        url = urljoin(home_url, value) if home_url else value
        problem = _check_url(url)
        if problem:
            bad(key, problem)
        elif domains and not any(_covers(d, url) for d in domains):
            bad(key, f"{url!r} is outside allowed_domains {list(domains)}")
        else:
            urls.append(url)
    return tuple(urls)


def _patterns(table: dict[str, Any], key: str, bad: _Bad) -> tuple[str, ...]:
    patterns = _strings(table, key, bad)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            bad(key, f"{pattern!r} is not a valid regular expression: {exc}")
    return patterns


@cache
def _language_codes() -> frozenset[str]:
    """Return the two-letter ISO 639-1 codes that CLDR (through babel) knows."""
    codes: Iterable[str] = babel.Locale("en").languages.keys()
    return frozenset(code for code in codes if len(code) == 2)


def _languages(table: dict[str, Any], bad: _Bad) -> tuple[str, ...]:
    codes = _strings(table, "languages", bad)
    for code in codes:
        if code not in _language_codes():
            bad("languages", f"{code!r} is not an ISO 639-1 code (two lower-case letters)")
    return codes


def source_for_url(sources: Iterable[Source], url: str) -> Source | None:
    """Return the source that ``url`` belongs to, if any.

    Among the sources whose allowed domains cover ``url`` and whose ``deny`` patterns do not
    match it, a source whose ``allow`` pattern matches wins (the aggregator's language editions
    share one domain and differ by path), then the most specific domain (``en.vietnamplus.vn``
    over ``vietnamplus.vn``), then the first in the file.
    """
    best: tuple[tuple[bool, int], Source] | None = None
    for source in sources:
        lengths = [len(d) for d in source.allowed_domains if _covers(d, url)]
        if not lengths or any(re.search(p, url) for p in source.deny):
            continue
        score = (any(re.search(p, url) for p in source.allow), max(lengths))
        if best is None or score > best[0]:
            best = (score, source)
    return best[1] if best else None

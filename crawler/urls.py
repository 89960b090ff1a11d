"""URL canonicalisation and scope: the one place that decides what "the same URL" means."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import normalize_url

from crawler.models import Source

__all__ = [
    "MAX_LINK_LENGTH",
    "MAX_URL_LENGTH",
    "canonical_url",
    "host_of",
    "in_scope",
    "is_post_id_url",
    "looks_like_trap",
    "netloc_of",
    "remove_dot_segments",
]

_SESSION_IN_PATH = re.compile(
    r";(jsessionid|phpsessid|sid|sessionid|sessid|oscsid)=[^/?#]*"
    # ASP.NET cookieless sessions: /(S(lit3py55t21z5v55vlm25s55))/ and /(X(1)S(...))/
    r"|(?<=/)\((?:[A-Za-z]\([^()/]*\))+\)/",
    re.IGNORECASE,
)
# Session ids, and WordPress's replytocom (one copy of every post per comment: a classic trap).
# ``s`` is a session only with a long token holding a digit (``?s=word`` is a WordPress search).
_SESSION_PARAMS = re.compile(
    r"(?<=[?&])(?:(?:jsessionid|phpsessid|sid|sessionid|session_id|sessid|oscsid|cfid|cftoken"
    r"|token|replytocom)=[^&#]*|s=(?=[0-9A-Za-z]*[0-9])[0-9A-Za-z]{16,})(?:&|(?=#)|$)",
    re.IGNORECASE,
)
_SCHEMES = ("http", "https")
_DOCUMENT = re.compile(r"\.pdf(?:$|\?)", re.IGNORECASE)
MAX_URL_LENGTH = 512
# Longer links are refused before any parsing: urllib's urlsplit keeps its last 128 inputs
# (as does our cache), so 4 MB links would stay in memory.
MAX_LINK_LENGTH = 4 * MAX_URL_LENGTH


def canonical_url(url: str, base: str | None = None) -> str | None:
    """Return the canonical form of ``url`` (resolved against ``base``), or None if unusable.

    Cached: every page of a site links to the same navigation URLs. Input over 2,048
    characters is refused before it reaches the cache.
    """
    if len(url) > MAX_LINK_LENGTH or (base is not None and len(base) > MAX_LINK_LENGTH):
        return None
    return _canonical_url(url, base)


@lru_cache(maxsize=16384)
def _canonical_url(url: str, base: str | None) -> str | None:
    """Return the canonical form of ``url`` (resolved against ``base``), or None if unusable.

    Lower-case scheme and host, default port dropped, fragment dropped, query sorted,
    tracking (utm_*, fbclid, ref...) parameters dropped by courlan; session ids, WordPress
    ``replytocom`` and dot segments (``/./``, ``/../``, also in absolute links) dropped here.
    courlan's strict mode is not used: it keeps only a whitelist of parameters, which would
    merge distinct articles addressed as ``?newsid=5``.
    """
    url = url.strip()
    if not url or url.startswith(("javascript:", "mailto:", "tel:", "data:")):
        return None
    if base:
        url = urljoin(base, url)
    url = _SESSION_PARAMS.sub("", _SESSION_IN_PATH.sub("", url)).rstrip("?&")
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES:
        return None
    if "/." in parts.path:
        url = urlunsplit(parts._replace(path=remove_dot_segments(parts.path)))
    try:
        normal = normalize_url(url).split("#", 1)[0]
    except ValueError:
        return None
    return normal if len(normal) <= MAX_URL_LENGTH else None


def remove_dot_segments(path: str) -> str:
    """Resolve ``.`` and ``..`` segments of a URL path (RFC 3986, section 5.2.4)."""
    out: list[str] = []
    segments = path.split("/")
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    resolved = "/".join(out)
    return resolved if resolved.startswith("/") or not path.startswith("/") else "/" + resolved


_POST_ID = re.compile(r"(?:^|&)(?:p|page_id)=\d+(?:&|$)")


def is_post_id_url(url: str) -> bool:
    """Whether ``url`` addresses one post by id on the site root (WordPress ``/?p=123``).

    Elsewhere ``p=N`` is often page N of a listing; on the root it is a post's permalink.
    """
    parts = urlsplit(url)
    return parts.path in ("", "/", "/index.php") and bool(_POST_ID.search(parts.query))


def netloc_of(url: str) -> str:
    """Return ``host[:port]`` of ``url`` in lower case (the unit of politeness)."""
    return urlsplit(url).netloc.lower().rsplit("@", 1)[-1]


def host_of(url: str) -> str:
    """Return the host name of ``url`` without port."""
    return (urlsplit(url).hostname or "").lower()


@lru_cache(maxsize=4096)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def _domain_matches(url: str, domains: tuple[str, ...]) -> bool:
    netloc, host = netloc_of(url), host_of(url)
    for domain in domains:
        domain = domain.lower()
        if ":" in domain:  # host:port pins one site, e.g. an intranet mirror on 127.0.0.1:8000
            if netloc == domain:
                return True
        elif host == domain or host.endswith("." + domain):
            return True
    return False


def in_scope(url: str, source: Source, *, patterns: bool = True) -> bool:
    """Whether ``url`` belongs to ``source``: allowed domain, no deny match, allow match if any.

    With ``patterns`` False only the domain counts (sitemaps and feeds of the source).
    """
    domains = source.allowed_domains or (netloc_of(source.home_url),)  # default: the home site
    if not _domain_matches(url, domains):
        return False
    if not patterns:
        return True
    if any(p.search(url) for p in _compiled(source.deny)):
        return False
    allow = _compiled(source.allow)
    if not allow or matches_article(url, source) or _DOCUMENT.search(url):
        return True  # linked reports (PDF) are wanted even outside the allow patterns
    return any(p.search(url) for p in allow)


def matches_article(url: str, source: Source) -> bool:
    """Whether ``url`` matches one of the source's article URL patterns."""
    return any(p.search(url) for p in _compiled(source.article_patterns))


_REPEATED_SEGMENT = re.compile(r"(/[^/]+)(?=/)(?:.*\1(?=/|$)){2,}")


def looks_like_trap(url: str) -> bool:
    """Whether ``url`` has the shape of a crawler trap (repeated path segments, endless query)."""
    parts = urlsplit(url)
    if _REPEATED_SEGMENT.search(parts.path):
        return True
    return parts.query.count("&") >= 6 or parts.path.count("/") > 12

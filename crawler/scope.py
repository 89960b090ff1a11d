"""Request scope: the one decision whether the crawler may request a URL at all.

Every URL the crawler would fetch passes ``ScopeGuard.refusal`` first: links, seeds' redirects,
robots.txt ``Sitemap:`` lines, sitemap and feed entries, and (through
``crawler.middlewares.ScopeGuardMiddleware``) robots.txt fetches and their redirects. A URL is
refused when

- its host is outside the source: neither the registrable domain of one of the source's own
  hosts (home, start, feed and sitemap URLs) nor one of its ``allowed_domains``; IP literals and
  ``host:port`` entries must match exactly, so a redirect to another port of a local host is
  refused too; or
- its host is, or resolves to, a loopback, link-local (cloud metadata), private, shared,
  multicast, reserved or unspecified address, unless that ``host:port`` is the source's own
  (so a fixture site on 127.0.0.1 can still be crawled).

The spider checks domains and IP literals when it admits a URL (no DNS on the reactor
thread); ``ScopeGuardMiddleware`` checks every request again just before it is made, names
resolved in a worker thread through an injected function (tests need no DNS) and cached. The
Twisted resolver ``PinnedResolver`` answers Scrapy's downloader from the same cache, so the
address that was checked is the address connected to.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

import tldextract
from twisted.internet import defer, threads
from twisted.internet.error import DNSLookupError
from twisted.internet.interfaces import IResolverSimple
from zope.interface import implementer

from crawler.models import Source
from crawler.urls import host_of, netloc_of

__all__ = [
    "AddressBook",
    "PinnedResolver",
    "Resolve",
    "ScopeGuard",
    "idna_host",
    "is_public_address",
    "registrable_domain",
    "system_resolve",
]

log = logging.getLogger(__name__)

Resolve = Callable[[str], Sequence[str]]  # host name -> its IP addresses


def system_resolve(host: str) -> tuple[str, ...]:
    """Resolve ``host`` with the system resolver; () when it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return ()
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def idna_host(host: str) -> str:
    """Return ``host`` in lower-case ASCII (punycode for internationalised names)."""
    host = host.lower().strip("[]")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def idna_netloc(url: str) -> str:
    """Return ``host[:port]`` of ``url`` with the host in ASCII (punycode) form."""
    netloc = netloc_of(url)
    host, sep, port = netloc.rpartition(":") if not netloc.endswith("]") else (netloc, "", "")
    if not sep or not port.isdigit():
        host, sep, port = netloc, "", ""
    return idna_host(host) + (f":{port}" if sep else "")


@cache
def _extract() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # bundled list, no fetch


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


@cache
def registrable_domain(host: str) -> str:
    """Return the registrable domain of ``host`` (``news.example.co.uk`` -> ``example.co.uk``).

    IP literals are their own domain; a name under no known public suffix (``site.test``,
    ``localhost``) keeps its last two labels.
    """
    host = idna_host(host)
    if _ip(host) is not None:
        return host
    top = _extract()(host).top_domain_under_public_suffix
    return top or ".".join(host.split(".")[-2:])


def is_public_address(address: str) -> bool:
    """Whether ``address`` is a global unicast address (not loopback, private, metadata...)."""
    ip = _ip(address)
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class AddressBook:
    """Cached answers of a ``Resolve`` function, shared by the scope check and the downloader."""

    def __init__(self, resolve: Resolve = system_resolve):
        self._resolve = resolve
        self._answers: dict[str, tuple[str, ...]] = {}

    def addresses(self, host: str) -> tuple[str, ...]:
        """Return the addresses of ``host`` (itself for an IP literal); () if unresolvable."""
        host = idna_host(host)
        if _ip(host) is not None:
            return (host,)
        if host not in self._answers:  # the first answer stays: the one that was checked
            self._answers.setdefault(host, tuple(self._resolve(host)))
        return self._answers[host]


def _declared_urls(source: Source) -> tuple[str, ...]:
    return (source.home_url, *source.start_urls, *source.feeds, *source.sitemaps)


class ScopeGuard:
    """Decide, for every URL the crawler would request, whether it may be requested."""

    def __init__(self, sources: Iterable[Source], addresses: AddressBook):
        self.addresses = addresses
        self._own: dict[str, frozenset[str]] = {}  # source -> its own host:port (ASCII)
        self._domains: dict[str, tuple[str, ...]] = {}
        for source in sources:
            own = frozenset(idna_netloc(u) for u in _declared_urls(source))
            self._own[source.name] = own
            self._domains[source.name] = tuple(d.lower() for d in (*(source.allowed_domains), *own))

    def refusal(
        self, url: str, source: Source, *, declared: bool = False, resolve: bool = False
    ) -> str | None:
        """Return why ``url`` must not be requested for ``source``, or None if it may be.

        Args:
            url: a canonical http(s) URL.
            source: the source the request is made for.
            declared: the URL comes from the source's own configuration (home, start, feed
                or sitemap URL): only the address check applies.
            resolve: resolve host names and check their addresses too (blocking: call it
                off the reactor thread); without it only IP literals are checked.
        """
        netloc, host = idna_netloc(url), idna_host(host_of(url))
        if not host:
            return "no host"
        if not declared and not self._domain_allowed(netloc, host, source.name):
            return f"{host} is outside the source's domains"
        if netloc in self._own.get(source.name, frozenset()):
            return None  # the source's own host: a local fixture site is fine
        if not resolve and _ip(host) is None:
            return None
        return self._address_refusal(host)

    def refusal_for_any(
        self, url: str, sources: Iterable[Source], *, resolve: bool = False
    ) -> str | None:
        """Return why no source may request ``url`` (robots.txt fetches), or None."""
        reasons = [self.refusal(url, source, resolve=resolve) for source in sources]
        return None if any(r is None for r in reasons) else (reasons[0] if reasons else "none")

    def _domain_allowed(self, netloc: str, host: str, name: str) -> bool:
        domain = registrable_domain(host)
        for entry in self._domains.get(name, ()):
            if ":" in entry or _ip(entry) is not None or _ip(host) is not None:
                if netloc == entry or host == entry:  # IPs and host:port pin one site
                    return True
            elif registrable_domain(idna_host(entry)) == domain:
                return True
        return False

    def _address_refusal(self, host: str) -> str | None:
        found = self.addresses.addresses(host)
        bad = [a for a in found if not is_public_address(a)]
        if bad:
            return f"{host} is a non-public address ({bad[0]})"
        return None


@implementer(IResolverSimple)
class PinnedResolver:
    """Scrapy's DNS resolver answering from the ``AddressBook`` the scope check used.

    Installed through ``TWISTED_DNS_RESOLVER``; the book is in the ``NEWSINTEL_ADDRESSES``
    setting. A name resolves once per crawl, so a rebinding DNS server cannot swap a public
    address for a private one between the check and the connection.
    """

    def __init__(self, reactor: Any, book: AddressBook):
        self.reactor = reactor
        self.book = book

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> PinnedResolver:
        """Build the resolver from the crawl's settings (Scrapy passes its process)."""
        return cls(reactor, crawler.settings["NEWSINTEL_ADDRESSES"])

    def install_on_reactor(self) -> None:
        """Make this the reactor's resolver."""
        self.reactor.installResolver(self)

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        """Return the first address of ``name`` from the book (resolved once, off-thread)."""
        if _ip(name) is not None:
            return defer.succeed(name)

        def first(found: tuple[str, ...]) -> str:
            if not found:
                raise DNSLookupError(name)
            ipv4 = [a for a in found if ":" not in a]  # as Scrapy's own resolver: IPv4 first
            return (ipv4 or list(found))[0]

        d = threads.deferToThreadPool(
            self.reactor, self.reactor.getThreadPool(), self.book.addresses, name
        )
        return d.addCallback(first)

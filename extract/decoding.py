"""Turn a document's raw bytes into Unicode text: the one place where bytes are decoded.

Order of evidence, strongest first:

1. a byte-order mark;
2. bytes that are valid UTF-8 (with at least one multi-byte sequence) are UTF-8 whatever the
   page declares: legacy bytes almost never form valid UTF-8 by accident, while pages that
   say ``iso-8859-1`` and send UTF-8 are common;
3. the charset declared by the HTTP ``Content-Type`` header, then by ``<meta charset>`` /
   ``http-equiv`` / an XML declaration, kept only if it decodes cleanly and the result does
   not look like mojibake;
4. charset-normalizer's guess.

The text is then put in Unicode NFC: Vietnamese windows-1258 pages spell tones as combining
marks ("e" + U+0301), which NFC turns into the precomposed letters every other page uses.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from extract.errors import DecodeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_META_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
_PRESCAN_BYTES = 4096  # how much is sampled for control bytes
_META_SCAN_BYTES = 16_384  # <meta charset> may follow long inline scripts in <head>
# Browsers read these labels as windows-1252, which is a superset (WHATWG Encoding Standard).
_WINDOWS_1252_LABELS = frozenset({"latin_1", "iso8859_1", "ascii"})
MAX_MESS = 0.1  # charset-normalizer mess ratio above which a declared charset is doubted
# Below this many characters the mess ratio says little ("Aà à." scores 0.67 in cp1252, and
# cp1006 reads it as Urdu at 0.0): a declared charset that decodes is then trusted.
MIN_JUDGED = 200


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes and how it was decoded."""

    text: str  # NFC
    encoding: str  # Python codec name actually used
    declared: str | None  # first charset the server or page declared, if any


def declared_charsets(
    body: bytes, *, headers: Iterable[tuple[str, str]] = (), content_type: str | None = None
) -> tuple[str, ...]:
    """Return the charsets a document declares, in order of authority, as codec names.

    The HTTP ``Content-Type`` header (or ``content_type``) comes first, then ``<meta>`` tags
    and an XML declaration in the first 16 KiB. Unknown labels are skipped.
    """
    labels: list[str] = []
    header_values = [v for k, v in headers if k.lower() == "content-type"]
    for value in [*header_values, content_type or ""]:
        labels += _CHARSET_RE.findall(value)
    for match in _META_RE.finditer(body[:_META_SCAN_BYTES]):
        raw = match.group(1) or match.group(2)
        labels.append(raw.decode("ascii", "ignore"))
    found: dict[str, None] = {}
    for label in labels:
        name = codec_name(label)
        if name is not None:
            found.setdefault(name, None)
    return tuple(found)


def codec_name(label: str) -> str | None:
    """Return Python's codec name for a charset label ("windows-1258" -> "cp1258"), or None."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return "cp1252" if name.replace("-", "_") in _WINDOWS_1252_LABELS else name


def _from_bom(body: bytes) -> Decoded | None:
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            try:
                return Decoded(_nfc(body.decode(encoding)), encoding, None)
            except UnicodeDecodeError:
                return None
    return None


def _as_utf8(body: bytes) -> str | None:
    """Decode strict UTF-8, forgiving only a multi-byte character cut off at the very end."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut_off = exc.reason == "unexpected end of data" and exc.start >= len(body) - 3
        # Only after other multi-byte characters: "...aÂ" in cp1258 also ends in a lead byte.
        if cut_off and not body[: exc.start].isascii():
            return body[: exc.start].decode("utf-8")
        return None


def _mess(text: str) -> float:
    from charset_normalizer.md import mess_ratio

    return float(mess_ratio(text[:20_000], maximum_threshold=1.0))


def _guess(body: bytes) -> tuple[str, str] | None:
    """Return charset-normalizer's best (text, encoding), or None when it has no guess."""
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is None:
        return None
    return str(best), best.encoding


def _letters(text: str) -> int:
    return sum(char.isalpha() for char in text[:20_000])


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


_CONTROL_BYTES = frozenset(range(0x20)) - frozenset(b"\t\n\r\f\v\x1b")  # ESC: ISO-2022
_CONTROL_TABLE = bytes(sorted(_CONTROL_BYTES))


def _looks_binary(body: bytes) -> bool:
    """Say whether control bytes are too frequent for text in an 8-bit or multi-byte charset."""
    sample = body[:_PRESCAN_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_TABLE))  # deleted = counted
    return controls > len(sample) // 20


def decode_body(
    body: bytes, *, headers: Iterable[tuple[str, str]] = (), content_type: str | None = None
) -> Decoded:
    """Decode a document's bytes to NFC text, trusting the bytes over a wrong declaration.

    Args:
        body: The raw bytes as received.
        headers: HTTP response headers as (name, value) pairs.
        content_type: The Content-Type value when known apart from the headers.

    Returns:
        The decoded text and the encoding used.

    Raises:
        DecodeError: The body is empty, or binary data that is not text in any encoding.
    """
    if not body.strip():
        raise DecodeError("empty body: no bytes to decode")
    declared = declared_charsets(body, headers=headers, content_type=content_type)
    first = declared[0] if declared else None
    by_bom = _from_bom(body)
    if by_bom is not None:
        return Decoded(by_bom.text, by_bom.encoding, first)
    if _looks_binary(body):
        return _decode_wide(body, first)
    utf8 = _as_utf8(body)
    if utf8 is not None:
        return Decoded(_nfc(utf8), "utf-8", first)
    return _decode_legacy(body, declared)


def _decode_wide(body: bytes, first: str | None) -> Decoded:
    """Decode UTF-16/32 without a byte-order mark, the only text full of control bytes."""
    guess = _guess(body)
    if guess is None or not guess[1].startswith(("utf_16", "utf_32")):
        raise DecodeError("binary body: control bytes in the first 4 KiB, not a text document")
    return Decoded(_nfc(guess[0]), guess[1], first)


def _decode_legacy(body: bytes, declared: tuple[str, ...]) -> Decoded:
    """Decode bytes that are not UTF-8: a declared charset if it looks right, else a guess."""
    first = declared[0] if declared else None
    candidates: list[tuple[float, str, str]] = []
    for encoding in declared:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            continue
        mess = _mess(text)
        if mess <= MAX_MESS or len(text) < MIN_JUDGED:
            return Decoded(_nfc(text), encoding, first)
        candidates.append((mess, text, encoding))
    guess = _guess(body)
    if guess is not None and _letters(guess[0]) >= max(
        (_letters(c[1]) for c in candidates), default=0
    ):
        # A guess that reads fewer letters than the declared charset (EBCDIC's "////{" for
        # "aaaaÀ") is no correction of it, however tidy it looks to the mess detector.
        candidates.append((_mess(guess[0]), *guess))
    if not candidates:
        # Nothing fits cleanly; keep what can be read rather than losing the page.
        text = body.decode(first or "utf-8", errors="replace")
        return Decoded(_nfc(text), first or "utf-8", first)
    _, text, encoding = min(candidates, key=lambda c: c[0])
    return Decoded(_nfc(text), encoding, first)

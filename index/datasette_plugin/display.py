"""Bounded, isolated display of stored strings: cut to a length, bidi-isolated, escaped.

A crawled title or source name can be a megabyte long or hold an unclosed right-to-left
override; shown as is it bloats every page and reverses the text after it. Pages show a cut
value inside ``<bdi>`` (its direction cannot leak out) with a longer cut in the tooltip; the
detail page and the JSON keep the full value.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

__all__ = ["LABEL_CHARS", "TOOLTIP_CHARS", "cut", "label", "strip_bidi"]

LABEL_CHARS = 120
TOOLTIP_CHARS = 1000
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def cut(value: object, limit: int) -> str:
    """Return ``value`` as text of at most ``limit`` characters (an ellipsis marks a cut)."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def strip_bidi(text: str) -> str:
    """Remove explicit bidi embeddings, overrides and isolates (for SVG text, which has no bdi)."""
    return _BIDI_CONTROLS.sub("", text)


def label(value: object, limit: int = LABEL_CHARS) -> Markup:
    """Return ``value`` cut to ``limit`` characters inside ``<bdi>``, escaped.

    A cut value carries its longer form (up to ``TOOLTIP_CHARS``) in a ``title`` tooltip.
    """
    text = "" if value is None else str(value)
    shown = cut(text, limit)
    if shown == text:
        return Markup("<bdi>{}</bdi>").format(shown)
    tooltip = escape(cut(text, TOOLTIP_CHARS))
    return Markup('<bdi title="{}">{}</bdi>').format(tooltip, shown)

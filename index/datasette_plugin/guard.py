"""Every plugin response: a Content-Security-Policy, and quiet, correct errors.

Datasette's default error handler prints a traceback with locals (``rich``) for every
exception, a 404 included, and fails outright on some unmatched paths. The plugin's views
answer their own errors instead: a missing thing is a plain 404 page (nothing logged), any
other failure one log line and a 500 page. Unmatched paths under the plugin's prefixes are
routed to a 404 view, so they never reach Datasette's handler.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import TYPE_CHECKING, Any

from datasette.utils.asgi import Base400, Response

if TYPE_CHECKING:
    from datasette.app import Datasette

__all__ = ["CSP", "guarded", "not_found"]

log = logging.getLogger(__name__)

View = Callable[["Datasette", Any], Awaitable[Response]]


def _datasette_script_hashes() -> str:
    """Hash Datasette's own inline scripts (the menu closer) so the policy allows only them."""
    template = resources.files("datasette").joinpath("templates/_close_open_menus.html")
    hashes = []
    for script in re.findall(r"<script>(.*?)</script>", template.read_text("utf-8"), re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return " ".join(hashes)


CSP = (
    "default-src 'self'; "
    f"script-src 'self' {_datasette_script_hashes()}; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


async def _error(datasette: Datasette, request: Any, status: int, message: str) -> Response:
    info = {"ok": False, "error": message, "status": status, "title": None}
    if request.path.endswith(".json"):
        return Response.json(info, status=status)
    html = await datasette.render_template("error.html", info, request=request)
    return Response.html(html, status=status)


def guarded(view: View) -> View:
    """Wrap a plugin view: CSP header on every answer, errors answered without a traceback."""

    @functools.wraps(view)
    async def wrapper(datasette: Datasette, request: Any) -> Response:
        try:
            response = await view(datasette, request)
        except Base400 as exc:  # NotFound, Forbidden, BadRequest: the visitor's doing
            response = await _error(datasette, request, exc.status, str(exc.args[0]))
        except Exception as exc:  # the plugin's boundary: one log line, never a traceback
            log.error("%s %s failed: %s: %r", request.method, request.path, type(exc).__name__, exc)
            response = await _error(datasette, request, 500, "The page failed; see the log.")
        response.headers["Content-Security-Policy"] = CSP
        return response

    return wrapper


@guarded
async def not_found(datasette: Datasette, request: Any) -> Response:
    """Answer any unmatched path under the plugin's prefixes with a plain 404."""
    return await _error(datasette, request, 404, "Not found")

"""The workflow diagram of a case: the SVG route, and the helpers its page partial uses."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from flask import abort, current_app, request, url_for

from cicdr.extensions import db
from cicdr.i18n import current_language
from cicdr.services.queries import diagram
from cicdr.views.workspace.blueprint import bp, get_case_or_404
from workflows.text import N_

UNAVAILABLE = N_("The workflow diagram cannot be drawn on this server: Graphviz (the Debian "
                 "package graphviz) is not installed or failed. The case page shows the same "
                 "workflow as text: the path taken and every state.")


@bp.get("/<kind>/<key>/diagram.svg")
def diagram_svg(kind: str, key: str) -> Any:
    """The case's workflow as SVG: current state and path taken highlighted.

    Not an access record of its own: the picture holds no case contents beyond the states,
    and it is loaded by the case page, whose view is recorded."""
    subject = get_case_or_404(kind, key)
    path = diagram.path_states(subject, diagram.load_path(db.session, subject))
    try:
        svg = diagram.render(subject.WORKFLOW, subject.state, path, current_language())
    except KeyError:
        abort(404, N_("This case is in a state its workflow does not know; no diagram."))
    if svg is None:
        abort(404, UNAVAILABLE)
    response = current_app.response_class(svg, mimetype="image/svg+xml")
    response.headers["X-Content-Type-Options"] = "nosniff"
    # An image, never a document: no scripts, no fetches, even if opened on its own.
    response.headers["Content-Security-Policy"] = ("default-src 'none'; "
                                                   "style-src 'unsafe-inline'; sandbox")
    response.cache_control.private = True
    response.cache_control.no_cache = True  # revalidate: the state changes with each action
    response.set_etag(hashlib.sha256(  # the words depend on the reader's language
        "|".join((current_language(), subject.WORKFLOW, subject.state, *path)).encode())
        .hexdigest()[:32])
    return response.make_conditional(request)


@bp.app_template_global()
def diagram_available() -> bool:
    """Whether the server can draw workflow diagrams (otherwise the text version stands alone)."""
    return diagram.available()


@bp.app_template_global()
def diagram_url(subject: Any) -> str:
    """The diagram's address for a complaint, proceeding or referral."""
    key = subject.id if subject.WORKFLOW == "referral" else subject.reference
    return url_for("workspace.diagram_svg", kind=subject.WORKFLOW + "s", key=key)


@bp.app_template_global()
def workflow_text(subject: Any, events: Iterable[Any] | None = None) -> diagram.TextVersion:
    """The path taken and the workflow's states in words, from the page's events when it has
    them (no second query), else from the database."""
    steps = (diagram.path_taken(subject, events) if events is not None
             else diagram.load_path(db.session, subject))
    return diagram.text_version(subject, steps)

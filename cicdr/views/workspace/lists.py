"""Case lists: complaints, proceedings and referrals, filtered, searched, sorted and paged, with
their CSV export. Searches and exports are recorded as reads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Response, abort, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cicdr.extensions import db
from cicdr.i18n import tr
from cicdr.request_tables import tables
from cicdr.services.audit import access
from cicdr.services.casework.referrals import PURPOSES
from cicdr.services.core.errors import InvalidData
from cicdr.services.core.types import whole_number
from cicdr.services.queries import cases as queries
from cicdr.services.queries import lists
from cicdr.services.queries.csv_columns import export_rows, prescription_text
from cicdr.services.queries.filters import NAMES, Filters, parse_filters, states
from cicdr.views.csv_safe import csv_lines
from cicdr.views.workspace.blueprint import bp, staff
from workflows.labels import label, state_label
from workflows.spec import Role

PER_PAGE = 50
MAX_PAGE = 1_000_000  # a page number beyond this is no page (its offset would overflow)
EXPORT_LIMIT = 20_000  # rows; a larger export must be narrowed by filters (data minimisation)


@bp.get("/")
def cases_index() -> Any:
    """Redirect to the complaint list."""
    return redirect(url_for("workspace.cases"))


def _kind(args: Mapping[str, str]) -> str:
    kind = args.get("kind") or "complaints"
    if kind not in queries.KINDS:
        abort(404)
    return kind


def _filters(kind: str, args: Mapping[str, str]) -> Filters:
    return parse_filters(db.session, kind, args, me=current_user.id, tables=tables())


@bp.get("/cases")
def cases() -> Any:
    """List complaints, proceedings or referrals with the filters, search and sort asked."""
    return render_list(request.args)


def render_list(args: Mapping[str, str], *, status: int = 200,
                refusals: Iterable[Any] = (), selected: Iterable[int] = (),
                bulk_errors: Mapping[str, str] | None = None) -> Any:
    """The list page for these query-string arguments (the bulk actions show it again with
    what they refused); invalid filters give the page with a message per field, status 400."""
    kind = _kind(args)
    try:
        f = _filters(kind, args)
    except InvalidData as exc:
        return _render(kind, args, None, errors=exc.errors, status=400)
    number = whole_number(args.get("page"), MAX_PAGE) or 1
    page = lists.list_cases(db.session, f, page=number, per_page=PER_PAGE)
    # Rendered before the search is recorded: recording commits, and a commit expires the
    # loaded rows (each would then be read again, one query per row and relationship).
    response = _render(kind, args, f, page=page, status=status, refusals=list(refusals),
                       selected=set(selected), bulk_errors=bulk_errors or {})
    if f.q:
        access.record(db.session, current_user, access.SEARCH, endpoint=request.full_path,
                      subject_type="search", data={"kind": kind, "q": f.q, "state": f.state,
                                                   "filters": f.args, "results": page.total})
    return response


def _render(kind: str, args: Mapping[str, str], f: Filters | None, *, status: int,
            errors: Mapping[str, str] | None = None, **context: Any) -> Any:
    typed = {name: (args.get(name) or "").strip() for name in NAMES[kind]}
    return render_template(
        "workspace/cases.html", kind=kind, f=f, typed=typed, errors=errors or {},
        state_options=[(s, tr(state_label(s))) for s in states(kind)], vocab=tables().vocabularies,
        purpose_options=[(p, tr(label("purpose", p))) for p in PURPOSES],
        list_query=_query_of(f, context),
        officers=list(staff().officers), staff_names=staff().names, today=date.today(),
        link_args=f.args if f else {}, can_assign=current_user.role == Role.OFFICER,
        can_join=current_user.role == Role.PRESIDENT, **context), status


def _query_of(f: Filters | None, context: Mapping[str, Any]) -> str:
    """The list's query string, sent back by the bulk form to show the same list again."""
    page = context.get("page")
    return urlencode({**(f.args if f else {}), **({"page": page.page} if page else {})})


@bp.app_template_global()
def prescription_of(proceeding: Any) -> str:
    """A proceeding's prescription date for the list (says so when it cannot be computed)."""
    return prescription_text(proceeding, tables=tables())


@bp.app_template_global()
def list_url(kind: str, link_args: Mapping[str, str], **changes: Any) -> str:
    """The list's URL with its filters kept and some values changed (page, sort...)."""
    values = {**link_args, **changes}
    return url_for("workspace.cases", kind=kind,
                   **{k: v for k, v in values.items() if v not in (None, "")})


@bp.get("/cases.csv")
def cases_csv() -> Any:
    """The whole filtered list (every page) as CSV, streamed; recorded as an export."""
    kind = _kind(request.args)
    try:
        f = _filters(kind, request.args)
    except InvalidData as exc:
        return _render(kind, request.args, None, errors=exc.errors, status=400)
    today = date.today()
    total = lists.count_cases(db.session, f, today, cap=EXPORT_LIMIT)
    if total > EXPORT_LIMIT:
        abort(400, _("This list has more than %(limit)s rows, the most an export holds. Narrow "
                     "it with the filters (dates, state, district...) and export again.",
                     limit=EXPORT_LIMIT))
    access.record(db.session, current_user, access.EXPORT, endpoint=request.full_path,
                  subject_type="case_list", data={"kind": kind, "format": "csv",
                                                  "filters": f.args, "rows": total})
    lines = csv_lines(export_rows(db.session, f, today=today, translate=tr))
    response = Response(stream_with_context(lines), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = \
        f'attachment; filename="{kind}-{today.isoformat()}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response

"""Statistics for staff and auditors: any period (the current year by default), each breakdown
as a chart beside its table, the JSON, CSV and XLSX of the same numbers, and the annual
report (PDF and JSON). Aggregates only: nothing here names or shows a case. The page and the
files are in the reader's language (the layout's `N_` words, translated here); the annual
report is CICDR's Portuguese document."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Response, abort, current_app, render_template, request
from flask_babel import gettext as _

from cicdr.extensions import db
from cicdr.i18n import tr
from cicdr.request_tables import tables
from cicdr.services.core.errors import InvalidData
from cicdr.services.statistics import annual_report, charts, figures, layout
from cicdr.views.workspace.blueprint import bp


def _period() -> tuple[date, date] | None:
    try:
        return figures.period(request.args.get("from"), request.args.get("to"), date.today())
    except InvalidData:
        return None


def _numbers() -> tuple[dict[str, Any], str]:
    found = _period()
    if found is None:
        abort(400, _("Write the period as from=YYYY-MM-DD&to=YYYY-MM-DD, the end not before the "
                     "start."))
    numbers = figures.compute(db.session, *found, tables())
    return numbers, f"cicdr-statistics-{numbers['from']}-{numbers['to']}"


def _words(text: object) -> str:
    """A label of the layout in the reader's language."""
    return str(tr(text))


def _download(body: bytes | str, mimetype: str, name: str) -> Response:
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.cache_control.private = True
    response.cache_control.no_store = True
    return response


@bp.get("/statistics")
def statistics() -> Any:
    """The page: the period form, the single figures, durations, each breakdown."""
    found = _period()
    if found is None:
        error = _("Write both dates as YYYY-MM-DD, the end not before the start.")
        return render_template("workspace/statistics.html", error=error,
                               start=request.args.get("from", ""),
                               end=request.args.get("to", ""), numbers=None), 422
    numbers = figures.compute(db.session, *found, tables())
    # The rows' words translated here; the titles by the template (`_`), like its own words.
    shown = [layout.Breakdown(b.key, b.title,
                              [(code, _words(label), n) for code, label, n in b.rows])
             for b in layout.breakdowns(numbers, tables())]
    pictures = {b.key: charts.data_uri(charts.bar_svg(
        _words(b.title), [(label, n) for _code, label, n in b.rows])) for b in shown}
    return render_template(
        "workspace/statistics.html", numbers=numbers, breakdowns=shown, pictures=pictures,
        singles=[(key, _words(label), value) for key, label, value in layout.singles(numbers)],
        durations=layout.DURATIONS, error=None,
        start=numbers["from"], end=numbers["to"], word=layout.word,
        this_year=date.today().year)


@bp.get("/statistics.json")
def statistics_json() -> Any:
    numbers, _name = _numbers()
    response = current_app.response_class(
        json.dumps(numbers, ensure_ascii=False, indent=1), mimetype="application/json")
    response.cache_control.private = True
    return response


@bp.get("/statistics.csv")
def statistics_csv() -> Any:
    numbers, name = _numbers()
    body = "\ufeff" + layout.csv_text(numbers, tables(), words=_words)
    return _download(body, "text/csv; charset=utf-8", f"{name}.csv")


@bp.get("/statistics.xlsx")
def statistics_xlsx() -> Any:
    numbers, name = _numbers()
    return _download(layout.xlsx_bytes(numbers, tables(), words=_words),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     f"{name}.xlsx")


def _year() -> int:
    year = request.args.get("year", type=int)
    if year is None or not 2000 <= year <= 2999:
        abort(400, _("Say which year: year=YYYY."))
    return year


@bp.get("/statistics/report.pdf")
def annual_report_pdf() -> Any:
    """The year's annual report as PDF, in Portuguese (one click from the page)."""
    year = _year()
    numbers = figures.year(db.session, year, tables())
    return _download(annual_report.pdf(numbers, year, tables()), "application/pdf",
                     f"cicdr-relatorio-anual-{year}.pdf")


@bp.get("/statistics/report.json")
def annual_report_json() -> Any:
    """The numbers of the year's annual report (the same as the PDF's)."""
    year = _year()
    numbers = figures.year(db.session, year, tables())
    return _download(json.dumps(numbers, ensure_ascii=False, indent=1), "application/json",
                     f"cicdr-relatorio-anual-{year}.json")

"""Open data: a year's statistics for everyone (no account), in the visitor's language.

Only the complaints received and the outcomes (services/statistics/figures.public): no free
text, no duration of a single case, and every count of 1 or 2 suppressed with a second cell
where one alone would be recoverable (services/statistics/suppression). The page, the JSON and
the CSV come from the same numbers. Labels: in Portuguese the vocabularies' own; in the other
languages the catalogue's words below (the Portuguese label when a code has none).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cicdr.extensions import db
from cicdr.forms.complaint import CONTEXTS, DISTRICT_EXTRA, GROUNDS, SECURITY_FORCES
from cicdr.forms.report_codes import EXPRESSIONS, SEXES, VICTIM_KINDS
from cicdr.i18n import current_language
from cicdr.request_tables import tables
from cicdr.services.statistics import charts, figures, layout, suppression
from cicdr.views.portal.blueprint import bp
from cicdr.views.portal.decisions import PRACTICES

FIRST_YEAR = 2000
TITLES = {
    "complaints.by_origin": _l("Complaints by who complained"),
    "complaints.by_channel": _l("Complaints by how they arrived"),
    "complaints.by_district": _l("Complaints by district"),
    "complaints.by_context": _l("Complaints by where it happened"),
    "complaints.by_practice": _l("Complaints by practice (Law 93/2017, art. 4(2))"),
    "complaints.by_ground": _l("Complaints by ground of discrimination"),
    "complaints.by_expression": _l("Complaints by who was targeted"),
    "complaints.by_victim_kind": _l("Complaints by kind of victim"),
    "complaints.by_victim_sex": _l("Individual victims by sex"),
    "complaints.by_respondent_kind": _l("Complaints by who was complained about"),
    "complaints.by_security_force": _l("Complaints against each security force"),
    "outcomes.by_triage_outcome": _l("What CICDR did with the complaints"),
    "outcomes.forwarded_by_body": _l("Complaints forwarded to the competent body"),
    "outcomes.prosecutor_outcomes": _l("Answers of the Public Prosecutor"),
    "outcomes.disciplinary_by_body": _l("Referrals for disciplinary action"),
    "outcomes.archived_by_reason": _l("Complaints archived, by reason"),
    "outcomes.decisions_by_type": _l("Decisions in administrative-offence proceedings, per "
                                     "respondent"),
    "outcomes.appeals_by_court_outcome": _l("Appeals to court, by the court's ruling"),
}
SINGLES = {
    "complaints.total": _l("Complaints received"),
    "outcomes.referred_to_prosecutor": _l("Complaints referred to the Public Prosecutor"),
    "outcomes.proceedings_opened": _l("Administrative-offence proceedings opened"),
}
WORDS: dict[str, dict[str, Any]] = {
    "origin": {"queixa": _l("The victim"), "denuncia": _l("Someone else (a witness, an "
                                                          "association)"),
               "participacao": _l("A public body")},
    "channel": {"online": _l("Online form"), "email": _l("E-mail"), "post": _l("Letter"),
                "in_person": _l("In person"), "phone": _l("Telephone"),
                "forwarded_by_entity": _l("Forwarded by another body")},
    "district": dict(DISTRICT_EXTRA, unknown=_l("Not known")),
    "context": CONTEXTS, "practice": PRACTICES, "ground": GROUNDS, "expression": EXPRESSIONS,
    "victim_kind": VICTIM_KINDS, "sex": dict(SEXES, unknown=_l("Not said")),
    "respondent_kind": {"natural_person": _l("A person"),
                        "private_legal_person": _l("A company or private organisation"),
                        "public_entity": _l("A public body"),
                        "security_force": _l("A security force"),
                        "security_officer": _l("An identified security-force officer")},
    "security_force": SECURITY_FORCES,
    "body": {"mp": _l("Public Prosecutor"), "igai": _l("IGAI (police inspectorate)"),
             "act": _l("ACT (labour inspectorate)"), "erc": _l("ERC (media regulator)"),
             "igsj": _l("IGSJ (justice services inspectorate)"), "other": _l("Another body")},
    "archive_reason": {"duplicate": _l("Duplicate"), "withdrawn": _l("Withdrawn"),
                       "manifestly_unfounded": _l("Manifestly unfounded"),
                       "outside_grounds": _l("Outside the grounds of the law"),
                       "no_information": _l("Not enough information")},
    "": {"unknown": _l("Not known"), "forwarded": _l("Forwarded to another body"),
         "referred_to_prosecutor": _l("Referred to the Public Prosecutor"),
         "proceeding_opened": _l("Proceeding opened"), "archived": _l("Archived"),
         "inquiry_opened": _l("Inquiry opened"), "charged": _l("Charged"),
         "convicted": _l("Convicted"), "acquitted": _l("Acquitted"),
         "returned": _l("Returned to CICDR"), "fine": _l("Fine"),
         "admonition": _l("Admonition"), "dismissal": _l("Dismissed"),
         "confirmed": _l("Confirmed"), "altered": _l("Altered"), "annulled": _l("Annulled"),
         "returned_for_new_decision": _l("Returned for a new decision"),
         "pending": _l("Not yet ruled")},
}
# Where the open data's own keys sit among the staff layout's breakdowns.
PATHS = {"outcomes.decisions_by_type": ("proceedings", "decisions_by_type"),
         "outcomes.appeals_by_court_outcome": ("proceedings", "appeals_by_court_outcome")}


def _vocabulary(key: str) -> str | None:
    path = PATHS.get(key) or tuple(key.split("."))
    found = layout.BREAKDOWNS.get(path)
    return found[0] if found else None


def label(key: str, code: str) -> str:
    """A code's words in the page's language."""
    vocabulary = _vocabulary(key)
    current = tables()
    known = vocabulary is not None and code in current.labels(vocabulary)
    if current_language() == "pt":
        return current.label(vocabulary, code) if known and vocabulary else \
            layout.word(code, "pt")
    words = WORDS.get(vocabulary or "", {}).get(code) or WORDS[""].get(code)
    if words is not None:
        return str(words)
    return current.label(vocabulary, code) if known and vocabulary else code


def _year(year: int | None) -> int:
    this = date.today().year
    if year is None:
        return this
    if not FIRST_YEAR <= year <= this:
        abort(404)
    return year


def _breakdowns(numbers: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, str, Any]]]]:
    out = []
    for key, title in TITLES.items():
        section, name = key.split(".")
        cells = numbers[section].get(name)
        if isinstance(cells, dict):
            out.append((key, str(title), [(code, label(key, code), n)
                                          for code, n in cells.items()]))
    return out


@bp.get("/statistics")
def statistics() -> Any:
    """The open statistics of a year (this year by default), with a year selector."""
    year = _year(request.args.get("year", type=int))
    numbers = figures.public(db.session, year, tables())
    shown = _breakdowns(numbers)
    pictures = {key: charts.data_uri(charts.bar_svg(title, [(words, n) for _c, words, n in rows]))
                for key, title, rows in shown}
    singles = [(str(SINGLES[k]), numbers[k.split(".")[0]][k.split(".")[1]]) for k in SINGLES]
    first = figures.first_year(db.session) or year
    return render_template("portal/statistics.html", year=year, breakdowns=shown,
                           pictures=pictures, singles=singles, shown=suppression.shown,
                           years=list(range(date.today().year, min(first, year) - 1, -1)))


@bp.get("/statistics/<int:year>.json")
def statistics_json(year: int) -> Any:
    """The same numbers as JSON (suppressed counts are null)."""
    numbers = figures.public(db.session, _year(year), tables())
    numbers["suppression"] = _("Counts of 1 or 2 are null, and so is the next smallest "
                               "count of a breakdown where only one was.")
    response = Response(json.dumps(numbers, ensure_ascii=False, indent=1),
                        mimetype="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"  # open data
    return response


@bp.get("/statistics/<int:year>.csv")
def statistics_csv(year: int) -> Any:
    """The same numbers as CSV in the page's language (suppressed counts as `<3`)."""
    numbers = figures.public(db.session, _year(year), tables())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "label", "value"])  # machine-readable, every language
    for section, key, value in layout.flat(numbers):
        words = label(section, key) if section in TITLES else next(
            (str(t) for k, t in SINGLES.items() if k == f"{section}.{key}"), key)
        writer.writerow([section, key, words, suppression.shown(value)])
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = \
        f'attachment; filename="cicdr-statistics-{year}.csv"'
    return response

"""Published decisions: the public extract of final condemnatory decisions (domain.md 5).

Public (no account), translated, and not recorded as a staff read: it shows nothing personal.
A natural person is never named (the service gives no name for them); the page and its CSV
are built from the same rows, so they cannot disagree.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Response, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from cicdr.extensions import db
from cicdr.i18n import text_direction
from cicdr.services.documents.formats import eur
from cicdr.services.queries import publication
from cicdr.services.queries.publication import Extract, Sanction
from cicdr.views.portal.blueprint import bp

RESPONDENT_TYPES = {
    "natural_person": _l("Natural person"),
    "private_legal_person": _l("Legal person"),
    "public_entity": _l("Public entity"),
    "security_force": _l("Security force"),
}
# Lei 93/2017 art. 4(2), in plain words (the complaint form words them as a victim would).
PRACTICES = {
    "a": _l("Refusing to supply goods or services"),
    "b": _l("Preventing or limiting an economic activity"),
    "c": _l("Refusing or restricting the sale or rental of property"),
    "d": _l("Refusing access to places open to the public"),
    "e": _l("Refusing or limiting access to health care"),
    "f": _l("Refusing or limiting access to education"),
    "g": _l("Setting up discriminatory school classes"),
    "h": _l("Refusing or limiting access to cultural activities"),
    "i": _l("A practice of a State body, service or worker that limits a right"),
    "j": _l("Public statements that threaten, insult or degrade"),
}
# RGCO art. 21 (the Portuguese catalogue uses the article's own words).
ACCESSORIES = {
    "loss_of_objects": _l("loss of objects belonging to the respondent"),
    "activity_licence_ban": _l("ban on an activity that needs a public licence or "
                               "authorisation"),
    "loss_of_subsidies": _l("loss of the right to public subsidies or benefits"),
    "fairs_markets_ban": _l("ban from taking part in fairs or markets"),
    "public_tenders_ban": _l("ban from taking part in public auctions or tenders"),
    "establishment_closure": _l("closure of an establishment that needs an administrative "
                                "licence or authorisation"),
    "licence_suspension": _l("suspension of authorisations, licences and permits"),
}
# The extract's columns (domain.md 5, with the name of organisations), for the table and CSV.
COLUMNS = (_l("Proceeding"), _l("Respondent type"), _l("Name (organisations only)"),
           _l("Practice"), _l("Norm violated"), _l("Sanction"), _l("Decision date"),
           _l("Appeal to court"))
APPEALS = {
    "none": _l("Not appealed"),
    "confirmed": _l("Confirmed by the court"),
    "altered": _l("Altered by the court"),
}


@dataclass(frozen=True)
class Shown:
    """One extract row in the visitor's language, as the table and the CSV show it."""

    reference: str
    kind: str
    name: str
    named: bool
    practices: list[tuple[str, str]]  # (letter, words)
    norms: list[str]
    sanction: list[str]
    decided_on: date | None
    appeal: str


def sanction_lines(s: Sanction, isolate: bool = False) -> list[str]:
    """`Fine of 2.500,00 €` or `Admonition`, then each accessory sanction with its months
    (euros written as the letters write them). `isolate` keeps the amount left-to-right
    inside right-to-left text (`2.500,00 €`, not `€ 2.500,00`)."""
    amount = eur(s.amount)
    if isolate:
        amount = f"\u2066{amount}\u2069"  # LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE
    lines = [_("Fine of %(amount)s", amount=amount) if s.outcome == "fine"
             else _("Admonition")]
    for a in s.accessories:
        what = str(ACCESSORIES.get(a.kind, a.kind))
        lines.append(_("Accessory sanction: %(sanction)s, for %(months)s months",
                       sanction=what, months=a.months) if a.months
                     else _("Accessory sanction: %(sanction)s", sanction=what))
    return lines


def shown(e: Extract, isolate: bool = False) -> Shown:
    """The words of one row (names only for organisations: the service decides)."""
    name = e.name or (_("Not published") if e.respondent_kind == "natural_person" else "—")
    practices = [(p.letter, str(PRACTICES.get(p.letter, ""))) for p in e.practices]
    return Shown(e.reference, str(RESPONDENT_TYPES.get(e.respondent_kind, e.respondent_kind)),
                 name, bool(e.name), practices,
                 [p.norm for p in e.practices] or ["—"], sanction_lines(e.sanction, isolate),
                 e.decided_on, str(APPEALS.get(e.appeal, e.appeal)))


def long_date(day: date | None) -> str:
    """A decision date in the visitor's language (`20 de fevereiro de 2026`)."""
    return format_date(day, "long") if day else "—"


def _extract(isolate: bool = False) -> tuple[list[Shown], list[int], int | None]:
    rows = publication.published_extracts(db.session, date.today())
    years = publication.extract_years(rows)
    year = request.args.get("year", type=int)
    return [shown(e, isolate) for e in publication.of_year(rows, year)], years, year


@bp.get("/decisions")
def decisions() -> Any:
    """The published decisions: what is published and for how long, the table, the CSV."""
    rows, years, year = _extract(isolate=text_direction() == "rtl")
    return render_template("portal/decisions.html", rows=rows, years=years, year=year,
                           columns=COLUMNS, long_date=long_date)


def _cell(value: str) -> str:
    """No spreadsheet formula from a name typed by someone (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@bp.get("/decisions.csv")
def decisions_csv() -> Any:
    """The same extract as CSV, in the page's language (UTF-8 with a BOM for spreadsheets)."""
    rows, _years, year = _extract()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(c) for c in COLUMNS])
    for r in rows:
        writer.writerow([_cell(x) for x in (
            r.reference, r.kind, r.name,
            "; ".join(f"{letter}) {words}" for letter, words in r.practices) or "—",
            "; ".join(r.norms),
            "; ".join(r.sanction), r.decided_on.isoformat() if r.decided_on else "",
            r.appeal)])
    name = f"cicdr-decisions-{year}.csv" if year else "cicdr-decisions.csv"
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

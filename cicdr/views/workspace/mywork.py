"""My work: what waits for the signed-in staff member, what is due or overdue, what they hold
and what changed, each section in pages; and the navigation's count of what waits."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from cicdr.extensions import db
from cicdr.i18n import tr, translations
from cicdr.request_tables import tables
from cicdr.services.queries import my_work as work_queue
from cicdr.views.workspace.blueprint import bp, case_path, require_role
from workflows import labels
from workflows.spec import Role

WORKERS = (Role.OFFICER, Role.PRESIDENT, Role.COMMISSIONER)
BADGE_CAP = 99  # the badge counts this far, then says "99+" (My work's headings are exact)


@bp.before_request
def forget_waiting_count() -> None:
    """Count afresh in each request (an app context, hence `g`, may outlive one: tests)."""
    g.pop("my_work_waiting", None)


@bp.context_processor
def my_work_badge() -> dict[str, Any]:
    """`my_work_waiting()` for the navigation: how many cases wait for the user, up to
    BADGE_CAP ("99+" beyond). One COUNT, run only when a page draws the navigation, at most
    once per request."""
    def waiting() -> int | str | None:
        if not current_user.is_authenticated or current_user.role not in WORKERS:
            return None
        if "my_work_waiting" not in g:
            g.my_work_waiting = work_queue.waiting_count(db.session, current_user, date.today(),
                                                         cap=BADGE_CAP, tables=tables())
        count = int(g.my_work_waiting)
        return f"{BADGE_CAP}+" if count > BADGE_CAP else count
    return {"my_work_waiting": waiting}


def _pages(names: tuple[str, ...]) -> dict[str, int]:
    """Each section's page from `<section>_page` (a missing or non-numeric one: page 1)."""
    pages = {name: request.args.get(f"{name}_page", 1, type=int) for name in names}
    if any(page < 1 for page in pages.values()):
        abort(400, _("Pages are numbered from 1."))
    return pages


def page_url(name: str, page: int) -> str:
    """This page with one section's page changed and the others kept, at that section."""
    args: dict[str, Any] = {**request.args.to_dict(), f"{name}_page": page}
    return url_for("workspace.my_work", **args) + f"#{name}"


class _Lines:
    """What each row of a page shows, as strings built once (the template only prints them):
    names of codes from one dictionary per request, the catalogue looked up once."""

    def __init__(self, today: date) -> None:
        catalogue = translations()
        self.say, self.plural = catalogue.ugettext, catalogue.ungettext
        self.today, self.tables = today, tables()
        self.names: dict[tuple[str, Any], str] = {}

    def name(self, group: str, code: Any) -> str:
        """As the templates' `name_of(group, code)`."""
        found = self.names.get((group, code))
        if found is None:
            found = self.names[(group, code)] = str(tr(labels.label(group, code)))
        return found

    def status(self, on: date) -> Markup:
        """How far `on` is from today (as workspace/_links.html's due_text)."""
        days = (on - self.today).days
        if days < 0:
            late = self.plural("OVERDUE by %(num)s day", "OVERDUE by %(num)s days", -days)
            return Markup(f'<strong class="overdue">{late % {"num": -days}}</strong>')  # noqa: S704 -- the catalogue is ours
        if days == 0:
            return Markup(f"<strong>{self.say('due today')}</strong>")  # noqa: S704 -- the catalogue is ours
        return Markup(self.plural("due in %(num)s day", "due in %(num)s days",  # noqa: S704 -- the catalogue is ours
                                  days) % {"num": days})

    def due(self, on: date | None) -> Markup | str:
        """"2026-03-26, OVERDUE by 4 days", or a dash."""
        return "—" if on is None else Markup(f"{on}, ") + self.status(on)  # noqa: S704 -- a date

    def who(self, s: Any) -> str:
        """The respondents of a complaint or proceeding; a referral's body."""
        if s.WORKFLOW == "complaint":
            return ", ".join(p.display for p in s.respondents)
        if s.WORKFLOW == "proceeding":
            return ", ".join(r.name for r in s.respondents)
        return self.tables.label("body", s.body, "—")

    def row(self, name: str, r: Any) -> dict[str, Any]:
        s = r.subject
        line = {"href": case_path(s), "state": self.name("state", s.state),
                "case": f"{self.name('subject', s.WORKFLOW).capitalize()} {s.reference}"}
        if name in ("due_soon", "overdue"):
            line.update(deadline=self.name("deadline", r.deadline.kind), due_on=str(r.due_on),
                        status=self.status(r.due_on))
        elif name == "recent":
            line["changed"] = r.changed_at.strftime("%Y-%m-%d %H:%M")
        elif name == "unassigned":
            line.update(received=s.received_at.strftime("%Y-%m-%d"),
                        context=self.tables.label("context", s.context, "—"))
        else:
            line["due"] = self.due(r.due_on)
            if name == "waiting":
                line["actions"] = Markup("; ".join(self.say(a) for a in r.actions))  # noqa: S704 -- the catalogue is ours, as the template's _()
            else:
                line["who"] = self.who(s)
        return line


@bp.get("/my-work")
def my_work() -> Any:
    """Sections with their counts, each showing one page (PER_PAGE rows)."""
    require_role(*WORKERS)
    soon = request.args.get("days", 7, type=int)
    if not 0 <= soon <= 365:
        abort(400, _("Give the days as a number from 0 to 365."))
    today = date.today()
    names = work_queue.sections_for(current_user.role)
    sections = work_queue.build(db.session, current_user, today, pages=_pages(names),
                                soon_days=soon, tables=tables())
    g.my_work_waiting = sections["waiting"].total  # the badge needs no second count
    lines = _Lines(today)
    rows = {name: [lines.row(name, r) for r in s.rows] for name, s in sections.items()}
    return render_template("workspace/my_work.html", sections=sections, rows=rows, today=today,
                           soon=soon, page_url=page_url)

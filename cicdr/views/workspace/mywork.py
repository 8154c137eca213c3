"""My work: what waits for the signed-in staff member, what is due or overdue, what they hold
and what changed, each section in pages; and the navigation's count of what waits."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cicdr.extensions import db
from cicdr.request_tables import tables
from cicdr.services.queries import my_work as work_queue
from cicdr.views.workspace.blueprint import bp, require_role
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
    return render_template("workspace/my_work.html", sections=sections, today=today,
                           soon=soon, page_url=page_url)

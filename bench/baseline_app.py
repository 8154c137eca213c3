"""The bare baseline: Flask + SQLAlchemy Core on the benchmark's database, the essential query of
each measured page and nothing else (no ORM, no templates, no sign-in, no access records).

Served by the same gunicorn settings as the project (`gunicorn --workers 2
--pythonpath bench baseline_app:app`, DATABASE_URL in the environment). Each page answers plain
text: the references it found, one a line, after a first line of counts, so the load generator
can check it found what the project's page shows. Searches use the project's own index tables
and query builder (`search.query_terms`, `search_backends.backend`): the floor of the same
search. Filing: the same number of requests as the project's 7-step form, each one small write
(a draft row updated, or the complaint row inserted at the end) and its commit.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import Flask, Response, redirect, request, session
from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    insert,
    select,
    update,
)

from cicdr.config import database_url
from cicdr.models import AuditEvent, Complaint, Deadline, Party, Proceeding, Referral
from cicdr.services.queries.search import query_terms
from cicdr.services.queries.text_index import backend

PER_PAGE = 50
OPEN = ("received", "triage", "awaiting_information", "non_opening_proposed",
        "referred_to_prosecutor", "forwarded", "proceeding_opened")
STEPS = ("about-you", "what-happened", "why", "who-did-it", "people", "evidence", "review")
C, P, D, R = (m.__table__ for m in (Complaint, Proceeding, Deadline, Referral))  # type: ignore
PARTIES, EVENTS = Party.__table__, AuditEvent.__table__  # type: ignore[attr-defined]
BENCH = MetaData()
DRAFTS = Table("bench_bare_drafts", BENCH, Column("id", Integer, primary_key=True),
               Column("step", String(20)), Column("data", Text))
FILED = Table("bench_bare_filed", BENCH, Column("id", Integer, primary_key=True),
              Column("draft_id", Integer), Column("data", Text))

engine = create_engine(database_url(os.environ.get("DATABASE_URL")))
app = Flask(__name__)
app.secret_key = os.environ.get("SECRET_KEY", "bench-only")


def prepare(url: str) -> None:
    """Create the filing's own two tables (before the workers start, so they never race)."""
    bind = create_engine(database_url(url))
    BENCH.create_all(bind)
    bind.dispose()


def lines(counts: dict[str, int], refs: list[Any]) -> Response:
    """A plain-text answer: the counts, then one reference a line."""
    head = " ".join(f"{k}={v}" for k, v in counts.items())
    return Response("\n".join([head, *map(str, refs)]) + "\n", mimetype="text/plain")


def page(table: Table, where: list[Any], order: list[Any]) -> tuple[int, list[Any]]:
    """The exact count and the first 50 rows (ordered), as the list pages do."""
    with engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(table).where(*where)) or 0
        rows = conn.execute(select(table).where(*where).order_by(*order).limit(PER_PAGE)).all()
    return total, [r.reference for r in rows]


@app.get("/cases")
def complaints() -> Response:
    """The complaint list (newest first) or a search: count + 50 rows."""
    where = []
    terms, prefix = query_terms(request.args.get("q"))
    if terms:
        where.append(C.c.id.in_(backend(engine.dialect.name).ids(terms, prefix)))
    total, refs = page(C, where, [C.c.received_at.desc(), C.c.id.desc()])
    return lines({"total": total}, refs)


@app.get("/proceedings")
def proceedings() -> Response:
    """The proceeding list: count + 50 rows, newest first."""
    total, refs = page(P, [], [P.c.opened_at.desc(), P.c.id.desc()])
    return lines({"total": total}, refs)


def _events(conn: Any, kind: str, ids: list[int]) -> list[Any]:
    return conn.execute(select(EVENTS).where(EVENTS.c.subject_type == kind,
                                             EVENTS.c.subject_id.in_(ids))
                        .order_by(EVENTS.c.seq)).all()


@app.get("/complaints/<reference>")
def complaint(reference: str) -> Response:
    """A complaint page's data: the row, its parties, deadlines and audit events."""
    with engine.connect() as conn:
        row = conn.execute(select(C).where(C.c.reference == reference)).one()
        parties = conn.execute(select(PARTIES).where(PARTIES.c.complaint_id == row.id)).all()
        deadlines = conn.execute(select(D).where(D.c.complaint_id == row.id)).all()
        events = _events(conn, "complaint", [row.id])
    return lines({"parties": len(parties), "deadlines": len(deadlines),
                  "events": len(events)}, [row.reference])


@app.get("/proceedings/<reference>")
def proceeding(reference: str) -> Response:
    """A proceeding page's data: the row, its complaints, deadlines and audit events."""
    with engine.connect() as conn:
        row = conn.execute(select(P).where(P.c.reference == reference)).one()
        joined = conn.execute(select(C).where(C.c.proceeding_id == row.id)).all()
        deadlines = conn.execute(select(D).where(D.c.proceeding_id == row.id)).all()
        events = _events(conn, "proceeding", [row.id])
    return lines({"complaints": len(joined), "deadlines": len(deadlines),
                  "events": len(events)}, [row.reference, *(c.reference for c in joined)])


def _section(conn: Any, table: Table, where: list[Any], order: list[Any]) -> tuple[int, list]:
    total = conn.scalar(select(func.count()).select_from(table).where(*where)) or 0
    return total, conn.execute(select(table).where(*where).order_by(*order)
                               .limit(PER_PAGE)).all()


@app.get("/my-work/<int:user>")
def my_work(user: int) -> Response:
    """My work of an officer: the count and first page of each section."""
    soon = date.today() + timedelta(days=7)
    mine_c = select(C.c.id).where(C.c.assignee_id == user, C.c.state.in_(OPEN))
    mine_p = select(P.c.id).where(P.c.instructor_id == user)
    with engine.connect() as conn:
        sections = {
            "complaints": _section(conn, C, [C.c.assignee_id == user, C.c.state.in_(OPEN)],
                                   [C.c.received_at.desc()]),
            "proceedings": _section(conn, P, [P.c.instructor_id == user,
                                              P.c.decided_on.is_(None)], [P.c.opened_at]),
            "deadlines": _section(conn, D, [D.c.ended_on.is_(None), D.c.due_on <= soon,
                                            D.c.complaint_id.in_(mine_c)
                                            | D.c.proceeding_id.in_(mine_p)], [D.c.due_on]),
            "referrals": _section(conn, R, [R.c.state.in_(("sent", "acknowledged")),
                                            R.c.complaint_id.in_(mine_c)], [R.c.id]),
            "unassigned": _section(conn, C, [C.c.assignee_id.is_(None), C.c.state.in_(OPEN)],
                                   [C.c.received_at]),
        }
    refs = [r.reference for r in sections["complaints"][1]]
    return lines({k: v[0] for k, v in sections.items()}, refs)


@app.get("/statistics/<int:year>")
def statistics(year: int) -> Response:
    """A year's statistics: complaints by state and district (count ... GROUP BY)."""
    with engine.connect() as conn:
        rows = conn.execute(select(C.c.state, C.c.district, func.count())
                            .where(C.c.received_at >= datetime(year, 1, 1, tzinfo=UTC),
                                   C.c.received_at < datetime(year + 1, 1, 1, tzinfo=UTC))
                            .group_by(C.c.state, C.c.district)).all()
    return lines({"groups": len(rows), "complaints": sum(r[2] for r in rows)}, [])


def _write(statement: Any) -> Any:
    with engine.begin() as conn:
        return conn.execute(statement)


@app.route("/file/<step>", methods=["GET", "POST"])
def file_step(step: str) -> Any:
    """One request of the filing flow: one small write each (the draft, or the complaint)."""
    draft = session.get("draft")
    if draft is None:  # the first page: the draft row is the write
        draft = session["draft"] = _write(insert(DRAFTS).values(step=step)).inserted_primary_key[0]
    elif request.method == "GET":
        _write(update(DRAFTS).where(DRAFTS.c.id == draft).values(step=step))
    if request.method == "GET":
        return Response(f"step {step}\n", mimetype="text/plain")
    data = "&".join(f"{k}={v}" for k, v in request.form.items())
    if step == STEPS[-1]:
        session.pop("draft")
        _write(insert(FILED).values(draft_id=draft, data=data))
        return redirect("/file/done")
    _write(update(DRAFTS).where(DRAFTS.c.id == draft).values(data=data))
    return redirect(f"/file/{STEPS[STEPS.index(step) + 1]}")

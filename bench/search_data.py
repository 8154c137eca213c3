"""100,000 realistic complaints, written fast with bulk inserts (not through the form).

Each complaint's text, parties and grounds come from the demo's generator
(`cicdr.demo.make_complaint`: varied Portuguese accounts, names of the communities CICDR hears
from, police forces and their units). States follow the age of the complaint (recent ones
open, old ones archived or closed); officers are assigned; open requests to the complainant
carry running deadlines (many overdue, as in a backlog); some complaints are joined to
proceedings and some have referrals. The same seed gives the same rows.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, insert, text

from cicdr.demo import make_complaint
from cicdr.models import (
    Complaint,
    ComplaintGround,
    Deadline,
    Party,
    Proceeding,
    ProceedingRespondent,
    ReferenceCounter,
    Referral,
)

BATCH = 5000
FIRST_YEAR = 2011
RECENT = (("received", 50), ("triage", 35), ("awaiting_information", 15))
MIDDLE = (("triage", 25), ("awaiting_information", 10), ("non_opening_proposed", 5),
          ("referred_to_prosecutor", 10), ("forwarded", 10), ("proceeding_opened", 10),
          ("archived", 25), ("closed", 5))
OLD = (("archived", 45), ("closed", 45), ("proceeding_opened", 3),
       ("referred_to_prosecutor", 2), ("forwarded", 5))
ARCHIVE_REASONS = ("duplicate", "withdrawn", "manifestly_unfounded", "outside_grounds",
                   "no_information")


@dataclass
class Rows:
    """The rows of one batch, by table."""

    complaints: list[dict[str, Any]] = field(default_factory=list)
    parties: list[dict[str, Any]] = field(default_factory=list)
    grounds: list[dict[str, Any]] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    proceedings: list[dict[str, Any]] = field(default_factory=list)
    respondents: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Ids:
    """The next id of each table (ids are given explicitly, for speed)."""

    party: int = 1
    deadline: int = 1
    proceeding: int = 1
    respondent: int = 1
    referral: int = 1
    pco: dict[int, int] = field(default_factory=dict)


def plan(total: int, today: date) -> list[tuple[int, int]]:
    """Complaints per year, growing over the years, summing to `total`."""
    years = list(range(FIRST_YEAR, today.year + 1))
    weights = [1 + i for i in range(len(years))]
    counts = [total * w // sum(weights) for w in weights]
    counts[-1] += total - sum(counts)
    return list(zip(years, counts, strict=True))


def _pick(r: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return r.choices([s for s, _ in table], weights=[w for _, w in table])[0]


def _moment(r: random.Random, year: int, today: date) -> datetime:
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), today)
    day = start + timedelta(days=r.randint(0, (end - start).days))
    return datetime.combine(day, time(r.randint(8, 19), r.randint(0, 59)), UTC)


def _state(r: random.Random, age: int) -> str:
    return _pick(r, RECENT if age < 30 else MIDDLE if age < 365 else OLD)


def complaint_rows(r: random.Random, cid: int, year: int, number: int, today: date,
                   officers: list[int], president: int, ids: Ids, out: Rows) -> None:
    """One complaint with its parties, grounds, deadlines, proceeding and referrals."""
    received = _moment(r, year, today)
    made = make_complaint(r, received.date(), max_age=900)
    new = made.new
    state = _state(r, (today - received.date()).days)
    out.complaints.append({
        "id": cid, "reference": f"QN-{year}-{number:05d}", "year": year, "number": number,
        "state": state, "version": 1, "channel": new.channel, "origin": new.origin,
        "language": new.language, "preferred_language": None, "facts_date": new.facts_date,
        "district": new.district, "place": new.place, "context": new.context,
        "practice": new.practice, "description": new.description,
        "withhold_identity": new.withhold_identity, "anonymous": new.complainant is None,
        "contact_channel": new.contact_channel, "access_code_hash": None,
        "received_at": received,
        "assignee_id": None if state == "received" and r.random() < 0.7 else r.choice(officers),
        "registered_by_id": None, "proceeding_id": None,
        "archive_reason": r.choice(ARCHIVE_REASONS) if state == "archived" else None,
        "disciplinary_waiver": None, "complainant_commented": False, "anonymised_at": None})
    _parties_and_grounds(cid, new, ids, out)
    _deadlines(r, cid, state, received.date(), ids, out)
    if state == "proceeding_opened" or (state == "closed" and r.random() < 0.1):
        _proceeding(r, out.complaints[-1], new.respondents, officers, president, today, ids,
                    out)
    _referrals(r, cid, state, made.police, received.date(), officers, ids, out)


def _parties_and_grounds(cid: int, new: Any, ids: Ids, out: Rows) -> None:
    people = ([new.complainant] if new.complainant else []) + new.victims + new.respondents + \
        new.witnesses
    for p in people:
        out.parties.append({"id": ids.party, "complaint_id": cid, **vars(p), "notes": None})
        ids.party += 1
    for ground, expression in dict(new.grounds).items():
        out.grounds.append({"complaint_id": cid, "ground": ground, "expression": expression})


def _deadline(ids: Ids, out: Rows, kind: str, start: date, days: int, **subject: int) -> None:
    out.deadlines.append({"id": ids.deadline, "kind": kind, "started_on": start,
                          "due_on": start + timedelta(days=days), "ended_on": None,
                          "ended_by": None, "suspensions": None, "suspended_since": None,
                          "created_at": datetime.combine(start, time(12), UTC),
                          "complaint_id": None, "proceeding_id": None, "referral_id": None,
                          **subject})
    ids.deadline += 1


def _deadlines(r: random.Random, cid: int, state: str, received: date, ids: Ids,
               out: Rows) -> None:
    if state == "awaiting_information":
        _deadline(ids, out, "complainant_information", received + timedelta(r.randint(2, 20)),
                  14, complaint_id=cid)
    elif state == "non_opening_proposed":
        _deadline(ids, out, "non_opening_comment", received + timedelta(r.randint(20, 60)),
                  14, complaint_id=cid)


def _proceeding(r: random.Random, complaint: dict[str, Any], respondents: list[Any],
                officers: list[int], president: int, today: date, ids: Ids,
                out: Rows) -> None:
    opened = min(complaint["received_at"] + timedelta(days=r.randint(20, 90)),
                 datetime.combine(today, time(12), UTC))
    year = opened.year
    number = ids.pco[year] = ids.pco.get(year, 0) + 1
    open_ = complaint["state"] == "proceeding_opened"
    pid = ids.proceeding
    ids.proceeding += 1
    out.proceedings.append({
        "id": pid, "reference": f"PCO-{year}-{number:04d}", "year": year, "number": number,
        "state": r.choice(("opened", "instruction", "instruction", "report")) if open_
        else "closed", "version": 1, "opened_at": opened, "opened_by_id": president,
        "instructor_id": r.choice(officers), "facts_date": complaint["facts_date"],
        "interruptions": "", "suspensions": "", "suspended_since": None,
        "accusation_notified_on": None, "defence_received_on": None, "report_proposal": None,
        "decided_on": None, "decided_by_id": None, "decision_notified_on": None,
        "appeal_lodged_on": None, "court_outcome": None, "published_on": None})
    complaint["proceeding_id"] = pid
    for p in respondents:
        out.respondents.append({"id": ids.respondent, "proceeding_id": pid, "party_id": None,
                                "name": p.name or (p.unit or "Força de segurança"),
                                "kind": p.kind, "negligent": False, "outcome": None,
                                "amount": None, "accessories": None, "paid": 0})
        ids.respondent += 1
    if open_:
        _deadline(ids, out, "instruction", opened.date(), 90, proceeding_id=pid)


def _referral(ids: Ids, out: Rows, cid: int, body: str, purpose: str, state: str,
              drafted: date, officer: int) -> None:
    sent = drafted + timedelta(days=5) if state != "draft" else None
    out.referrals.append({
        "id": ids.referral, "state": state, "version": 1, "body": body, "purpose": purpose,
        "complaint_id": cid, "proceeding_id": None, "summary": "Remessa dos autos.",
        "drafted_by_id": officer, "drafted_at": datetime.combine(drafted, time(10), UTC),
        "approved_by_id": None, "approved_at": None, "sent_on": sent,
        "channel": "email" if sent else None, "external_reference": None, "outcome": None,
        "answer": None, "answered_on": None, "reminders": 0})
    if state == "sent" and sent is not None:
        _deadline(ids, out, "referral_chaser", sent, 30, referral_id=ids.referral)
    ids.referral += 1


def _referrals(r: random.Random, cid: int, state: str, police: bool, received: date,
               officers: list[int], ids: Ids, out: Rows) -> None:
    drafted = received + timedelta(days=r.randint(5, 40))
    officer = r.choice(officers)
    if state == "referred_to_prosecutor":
        _referral(ids, out, cid, "mp", "prosecutor", r.choice(("sent", "acknowledged")),
                  drafted, officer)
    elif state == "forwarded":
        _referral(ids, out, cid, r.choice(("act", "erc", "other")), "forward",
                  r.choice(("sent", "answered")), drafted, officer)
    if police and state not in ("received", "triage"):
        _referral(ids, out, cid, "igai", "disciplinary",
                  r.choice(("sent", "acknowledged", "answered", "closed")), drafted, officer)


TABLES = (("proceedings", Proceeding), ("complaints", Complaint), ("parties", Party),
          ("grounds", ComplaintGround), ("respondents", ProceedingRespondent),
          ("referrals", Referral), ("deadlines", Deadline))


def _own(rows: Rows) -> None:
    """Each referral and deadline names who has its case (`owner_id`, as the engine keeps it:
    services/engine/owners.py); a batch holds a complaint's proceeding and referrals."""
    complaints = {c["id"]: c["assignee_id"] for c in rows.complaints}
    proceedings = {p["id"]: p["instructor_id"] for p in rows.proceedings}
    for f in rows.referrals:
        f["owner_id"] = complaints.get(f["complaint_id"]) if f["complaint_id"] else \
            proceedings.get(f["proceeding_id"])
    referrals = {f["id"]: f["owner_id"] for f in rows.referrals}
    for d in rows.deadlines:
        d["owner_id"] = (complaints.get(d["complaint_id"]) if d["complaint_id"] else
                         proceedings.get(d["proceeding_id"]) if d["proceeding_id"] else
                         referrals.get(d["referral_id"]))


def _write(conn: Connection, rows: Rows) -> int:
    written = 0
    _own(rows)
    for name, model in TABLES:
        values = getattr(rows, name)
        if values:
            conn.execute(insert(model.__table__), values)  # type: ignore[attr-defined]
            written += len(values)
    return written


def load(conn: Connection, total: int, today: date, officers: list[int], president: int,
         seed: int = 2026, progress: Callable[[int], None] | None = None) -> int:
    """Insert `total` complaints and everything around them, BATCH complaints at a time;
    return the number of rows written. `progress` is told how many complaints each batch
    wrote (a progress bar)."""
    r = random.Random(seed)  # noqa: S311 - made-up data, not secrets
    ids, out, cid, written = Ids(), Rows(), 0, 0
    years = plan(total, today)
    for year, count in years:
        for number in range(1, count + 1):
            cid += 1
            complaint_rows(r, cid, year, number, today, officers, president, ids, out)
            if cid % BATCH == 0:
                written += _write(conn, out)
                out = Rows()
                if progress is not None:
                    progress(BATCH)
    written += _write(conn, out)
    if progress is not None and cid % BATCH:
        progress(cid % BATCH)
    conn.execute(insert(ReferenceCounter), [{"kind": "QN", "year": y, "last": c}
                                            for y, c in years] +
                 [{"kind": "PCO", "year": y, "last": n} for y, n in ids.pco.items()])
    if conn.dialect.name == "postgresql":  # explicit ids: move the sequences past them
        for table in ("complaints", "parties", "deadlines", "proceedings",
                      "proceeding_respondents", "referrals"):
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
                              f"(SELECT max(id) FROM {table}))"))
    return written

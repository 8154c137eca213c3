"""My work (issues 15 and 16): which case is in which section, for an officer, the president and
a commissioner; bounded pages for an officer with hundreds of open cases; the nav's count.

Hand-built data. Deadlines whose due date decides a section are set by hand (the section is
what is tested here, not the deadline arithmetic, which tests/workflows covers)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask.testing import FlaskClient

from cicdr.models import Complaint, Deadline
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from cicdr.services.queries import my_work
from tests import factories
from tests.conftest import AuthActions
from tests.services.test_legal_paths import open_proceeding, triaged
from tests.web.test_query_counts import counted

D = date
T = D(2026, 3, 30)  # the day My work is built for, in the service-level tests


def _subjects(sections: dict[str, my_work.Section], name: str) -> list[Any]:
    return [row.subject for row in sections[name].rows]


def _due(session: Any, subject: Any, kind: str, due_on: date) -> Deadline:
    """Set the running deadline `kind` of `subject` to fall due on `due_on` (hand-built)."""
    found = next(d for d in subject.deadlines if d.kind == kind and d.ended_on is None)
    found.due_on = due_on
    session.commit()
    return found


def test_an_officers_sections_hold_their_own_cases(session: Any, users: Any) -> None:
    late = triaged(session, users)
    fire(session, late, "request_information", users.officer, today=D(2026, 3, 12),
         question="Quando?")
    _due(session, late, "complainant_information", D(2026, 3, 26))  # 4 days before T: overdue
    soon = triaged(session, users)
    fire(session, soon, "request_information", users.officer, today=D(2026, 3, 20),
         question="Onde?")
    _due(session, soon, "complainant_information", T + timedelta(days=3))  # within 7 days
    quiet = triaged(session, users)  # triage, no deadline
    joined = triaged(session, users)
    p = open_proceeding(session, users, joined)  # instructed by the officer, state `opened`
    _due(session, p, "instruction", T + timedelta(days=90))  # far away
    theirs = factories.complaint(session)
    fire(session, theirs, "assign", users.officer2, today=D(2026, 3, 11),
         assignee=users.officer2.id)
    queued = factories.complaint(session)  # received, nobody assigned

    work = my_work.build(session, users.officer, T)
    totals = {name: s.total for name, s in work.items()}
    # waiting: late and soon (awaiting information), quiet (triage), p (opened); joined is
    # `proceeding_opened`: nothing for the officer to do on the complaint itself.
    assert totals == {"waiting": 4, "due_soon": 1, "overdue": 1, "assigned": 5, "recent": 5,
                      "unassigned": 1}
    # earliest due first: late (03-26), soon (04-02), p (06-28), then quiet (no deadline)
    assert _subjects(work, "waiting") == [late, soon, p, quiet]
    assert work["waiting"].rows[0].actions == ("Record information received",
                                               "Archive as a duplicate")
    assert work["waiting"].rows[2].actions == ("Start instruction",)
    assert _subjects(work, "overdue") == [late] and _subjects(work, "due_soon") == [soon]
    assert set(_subjects(work, "assigned")) == {late, soon, quiet, joined, p}
    assert set(_subjects(work, "recent")) == {late, soon, quiet, joined, p}
    assert _subjects(work, "unassigned") == [queued]

    later = my_work.build(session, users.officer, T, now=datetime.now(UTC) + timedelta(days=8))
    assert later["recent"].total == 0  # nothing changed in the 7 days before that
    other = my_work.build(session, users.officer2, T)
    assert _subjects(other, "waiting") == [theirs]  # received: start triage
    assert other["assigned"].total == 1 and other["overdue"].total == 0


def test_the_president_sees_approvals_decisions_and_openings(session: Any, users: Any) -> None:
    police = triaged(session, users, police=True)
    igai = draft_referral(session, police, body="igai", purpose="disciplinary",
                          actor=users.officer, summary="Conduta policial.")
    proposed = triaged(session, users)
    fire(session, proposed, "propose_non_opening", users.president, today=D(2026, 3, 12),
         reason_code="manifestly_unfounded", reason="Os factos não configuram discriminação.")
    assert proposed.non_opening_comment_due == D(2026, 3, 26)  # as in test_legal_paths
    instructing = open_proceeding(session, users, triaged(session, users))
    fire(session, instructing, "start_instruction", users.officer, today=D(2026, 3, 13))
    to_mp = open_proceeding(session, users, triaged(session, users))
    fire(session, to_mp, "start_instruction", users.officer, today=D(2026, 3, 13))
    draft_referral(session, to_mp, body="mp", purpose="prosecutor", actor=users.officer,
                   summary="Crime?")

    during = my_work.build(session, users.president, D(2026, 3, 20))  # comment window open
    assert set(_subjects(during, "waiting")) == {police, igai, to_mp}
    assert "assigned" in during and during["assigned"].total == 0
    assert "unassigned" not in during  # the queue is the officers'
    rows = {row.subject: row.actions for row in during["waiting"].rows}
    assert rows[igai] == ("Approve",)
    assert rows[to_mp] == ("Send to the prosecutor",)
    assert "Open a proceeding" in rows[police]

    after = my_work.build(session, users.president, D(2026, 3, 27))  # window closed 03-26
    assert set(_subjects(after, "waiting")) == {police, igai, to_mp, proposed}
    fire(session, igai, "approve", users.president, today=D(2026, 3, 27))
    assert igai not in _subjects(my_work.build(session, users.president, D(2026, 3, 27)),
                                 "waiting")
    assert my_work.waiting_count(session, users.president, D(2026, 3, 27)) == 3
    assert instructing.state == "instruction"  # the officer's work, not the president's


def test_commissioners_see_decisions_but_never_on_a_proceeding_they_instruct(
        session: Any, users: Any) -> None:
    reported = []
    for _ in range(2):
        c = triaged(session, users, respondent_kind="natural_person")
        p = open_proceeding(session, users, c)
        for trig, data in [("start_instruction", {}),
                           ("close_instruction", {"reason": "Sem prova."}),  # issue 12: why
                           ("submit_report", {"proposal": "Arquivamento."})]:
            fire(session, p, trig, users.officer, today=D(2026, 3, 20), **data)
        reported.append(p)
    reported[1].instructor_id = users.commissioner.id  # hand-built: they instruct this one
    session.commit()
    mine = my_work.build(session, users.commissioner, D(2026, 3, 21))
    assert _subjects(mine, "waiting") == [reported[0]]
    assert mine["waiting"].rows[0].actions == ("Record the Commission's decision",)
    theirs = my_work.build(session, users.commissioner2, D(2026, 3, 21))
    assert set(_subjects(theirs, "waiting")) == set(reported)
    assert my_work.build(session, users.officer, D(2026, 3, 21))["waiting"].total == 0


# -- bounded pages -----------------------------------------------------------------------------

def _bulk(session: Any, officer_id: int | None, n: int, start: int, state: str) -> list[int]:
    """`n` complaints inserted directly (no service: hundreds in a blink)."""
    today = date.today()
    rows = [Complaint(reference=f"QN-2026-{start + i:05d}", year=2026, number=start + i,
                      state=state, channel="web", origin="queixa", facts_date=D(2026, 1, 5),
                      district="lisboa", context="housing", description="Caso de teste.",
                      assignee_id=officer_id,
                      received_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=i))
            for i in range(n)]
    session.add_all(rows)
    session.flush()
    for i, c in enumerate(rows):  # a third overdue, a third due within the week
        if i % 3 < 2:
            due = today - timedelta(days=1 + i % 30) if i % 3 == 0 else \
                today + timedelta(days=i % 8)
            session.add(Deadline(kind="complainant_information", started_on=today - timedelta(40),
                                 due_on=due, complaint_id=c.id))
    session.commit()
    return [c.id for c in rows]


def _section_refs(body: str, name: str) -> list[str]:
    """The complaint references linked in one section of the page."""
    found = re.search(rf'<section aria-labelledby="{name}">(.*?)</section>', body, re.S)
    assert found, name
    return re.findall(r'href="/staff/complaints/(QN-[0-9-]+)"', found.group(1))


def test_an_officer_with_300_open_cases_gets_one_page_per_section_and_the_right_counts(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    _bulk(session, users.officer.id, 30, 1, "triage")
    _bulk(session, None, 5, 9001, "received")
    auth.login_as("officer")
    # warm (the first request reads the legal tables), in English (staff default to Portuguese)
    client.get("/staff/my-work?lang=en")
    with counted() as few:
        assert client.get("/staff/my-work").status_code == 200
    _bulk(session, users.officer.id, 270, 31, "triage")
    _bulk(session, None, 25, 9006, "received")
    client.get("/staff/my-work")  # warm again: the commit above expired the signed-in user
    with counted() as many:
        body = client.get("/staff/my-work").get_data(as_text=True)
    assert len(many) == len(few), "statements must not grow with the caseload"
    # 300 in triage (waiting and assigned); i % 3 == 0 overdue (10 + 90 = 100), i % 3 == 1
    # due in 0-7 days (10 + 90 = 100)
    for title, count in (("Waiting for you", 300), ("Assigned to you", 300), ("Overdue", 100),
                         ("Due in the next 7 days", 100), ("Unassigned complaints", 30),
                         ("Changed in the last 7 days", 0)):
        assert f"{title} ({count})" in body, title
    for name, rows in (("waiting", 20), ("assigned", 20), ("overdue", 20), ("due_soon", 20),
                       ("unassigned", 20)):
        assert len(_section_refs(body, name)) == rows, name
    assert "Page 1 of 15" in body  # 300 / 20
    first = _section_refs(body, "waiting")
    second = client.get("/staff/my-work?waiting_page=2&overdue_page=7")
    assert second.status_code == 200
    page2 = second.get_data(as_text=True)
    assert not set(_section_refs(page2, "waiting")) & set(first)
    assert len(_section_refs(page2, "waiting")) == 20 and "Page 2 of 15" in page2
    assert len(_section_refs(page2, "overdue")) == 20  # 100 = 5 pages of 20: clamped to the 5th
    assert "Page 5 of 5" in page2 and len(_section_refs(page2, "due_soon")) == 20
    assert "waiting_page=3&amp;overdue_page=7" in page2  # links keep the other sections' pages
    last = client.get("/staff/my-work?unassigned_page=99").get_data(as_text=True)
    assert len(_section_refs(last, "unassigned")) == 10  # clamped to page 2 of 2
    assert client.get("/staff/my-work?waiting_page=0").status_code == 400
    assert client.get("/staff/my-work?waiting_page=x").status_code == 200  # page 1


def test_the_navigation_shows_how_many_cases_wait(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    _bulk(session, users.officer.id, 7, 1, "awaiting_information")
    _bulk(session, users.officer.id, 2, 100, "forwarded")  # nothing to do: not counted
    auth.login_as("officer")
    for url in ("/staff/cases", "/staff/my-work"):
        body = client.get(url).get_data(as_text=True)
        assert re.search(r'id="my-work-waiting">7<', body), url
    with counted() as statements:
        client.get("/staff/cases")
    assert sum("count(*)" in s and "'complaint' AS kind" in s for s in statements) == 1
    client.post("/staff/logout")
    auth.login_as("commissioner")
    assert 'id="my-work-waiting"' not in client.get("/staff/cases").get_data(as_text=True)


def test_my_work_reads_in_portuguese(
        session: Any, users: Any, auth: AuthActions, client: FlaskClient) -> None:
    _bulk(session, users.officer.id, 3, 1, "triage")
    # The staff pages speak the account's language (issue 15): the test accounts read English,
    # this officer reads Portuguese, the default of a real account.
    users.officer.language = "pt"
    session.commit()
    auth.login_as("officer")
    body = client.get("/staff/my-work").get_data(as_text=True)
    for words in ("O meu trabalho", "A aguardar por si (3)", "Atribuídos a si (3)",
                  "Prazos ultrapassados (1)", "A terminar nos próximos 7 dias (1)",
                  "Queixas por atribuir (0)", "Prazo mais próximo"):
        assert words in body, words
    assert "Waiting for you" not in body and "Assigned to you" not in body

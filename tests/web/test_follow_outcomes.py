"""The follow-up page tells the complainant what happened and what happens next, in their
language: the answer-by date of a question, the body the complaint went to with its website,
the prosecutor, the proceeding, the final decision in plain words, the reason for archiving;
and e-mail tells them when the decision became final. Never a staff name or a note."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.extensions import limiter
from cicdr.models import Complaint, OutboxMail
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import hash_access_code
from tests import decisions, factories

CODE = "ABCDE-FGHJK-LMNPQ-RSTUV"


def with_code(session: Any, complaint: Complaint) -> Complaint:
    """Give the complaint a known access code (the factories do not return theirs)."""
    complaint.access_code_hash = hash_access_code(CODE)
    session.commit()
    return complaint


def page(client: FlaskClient, complaint: Complaint, lang: str = "en") -> str:
    limiter.reset()
    client.post("/follow", data={"reference": complaint.reference, "code": CODE})
    return client.get(f"/follow/case?lang={lang}").get_data(as_text=True)


@pytest.fixture
def triaged(session: Any, users: Any) -> Complaint:
    c = with_code(session, factories.complaint(session))
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    return c


def test_received_says_what_happens_next(client: FlaskClient, session: Any) -> None:
    c = with_code(session, factories.complaint(session))
    body = page(client, c)
    assert "What happens next" in body
    assert "An officer will check whether CICDR can act on the facts you described." in body


def test_a_question_shows_its_answer_by_date(client: FlaskClient, session: Any, users: Any,
                                             triaged: Complaint) -> None:
    fire(session, triaged, "request_information", users.officer, today=date(2026, 3, 12),
         question="Tem o nome do funcionário?")
    # 10 working days from Thursday 12 March 2026, counted from the next day: 13 (1), 16-20
    # (2-6), 23-26 (7-10): due Thursday 26 March 2026 (no holiday in between).
    body = page(client, triaged)
    assert "Tem o nome do funcionário?" in body
    assert "Please answer by Mar 26, 2026." in body
    assert "Responda até 26 de mar. de 2026." in page(client, triaged, "pt")  # babel pt medium


def test_forwarded_to_the_labour_inspectorate_names_it_with_its_website(
        client: FlaskClient, session: Any, users: Any, triaged: Complaint) -> None:
    fire(session, triaged, "forward", users.officer, today=date(2026, 3, 12), body="act",
         reason="Relação laboral: competência da ACT.")
    body = page(client, triaged)
    assert "Autoridade para as Condições do Trabalho (ACT)" in body
    assert 'href="https://www.act.gov.pt/"' in body
    assert "The labour inspectorate. It is competent for discrimination at work." in body
    assert "competência da ACT" not in body  # the officer's reason is internal


def test_sent_to_the_prosecutor_names_the_public_prosecutor(
        client: FlaskClient, session: Any, users: Any, triaged: Complaint) -> None:
    draft_referral(session, triaged, body="mp", purpose="prosecutor", actor=users.officer,
                   summary="Injúria agravada: possível crime.")
    fire(session, triaged, "refer_to_prosecutor", users.president, today=date(2026, 3, 13))
    body = page(client, triaged)
    assert "CICDR sent them to the Public Prosecutor" in body
    assert "Ministério Público" in body and 'href="https://www.ministeriopublico.pt/"' in body
    assert "possível crime" not in body and users.president.name not in body


def test_a_proceeding_opened_says_how_it_can_end(client: FlaskClient, session: Any,
                                                 users: Any, triaged: Complaint) -> None:
    fire(session, triaged, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    body = page(client, triaged)
    assert "CICDR opened a proceeding on these facts." in body
    assert "a fine, an admonition (a formal warning) or no sanction" in body
    assert "How the proceeding ended" not in body  # nothing decided yet


def test_the_final_decision_in_plain_words_without_names_or_amounts(
        client: FlaskClient, session: Any, users: Any) -> None:
    p = decisions.final(session, users, date(2026, 3, 2),
                        [decisions.company(), decisions.person()],
                        [decisions.FINE, decisions.DISMISSAL])
    (c,) = p.complaints
    with_code(session, c)
    body = page(client, c)
    assert "How the proceeding ended" in body
    assert "Person or body accused 1: A fine (coima): they must pay an amount of money." in body
    assert "Person or body accused 2: No sanction: the proceeding was dismissed for them." in body
    for hidden in (decisions.NATURAL_NAME, decisions.COMPANY_NAME, "2500", "Condenação.",
                   "Nega os factos.", users.commissioner.name, users.officer.name):
        assert hidden not in body
    # The complainant was told by e-mail (their channel) that the decision is final.
    mail = session.scalars(select(OutboxMail).where(OutboxMail.kind == "decision")).one()
    assert mail.to_address == "maria@example.org" and mail.complaint_id == c.id
    assert "ended with a final decision" in mail.body or "decisão definitiva" in mail.body


def test_a_decision_not_yet_final_is_not_shown(client: FlaskClient, session: Any,
                                               users: Any) -> None:
    p = decisions.decided(session, users, date(2026, 3, 2), [decisions.company()],
                          [decisions.ADMONITION])
    (c,) = p.complaints
    body = page(client, with_code(session, c))
    assert "admonition (admoestação)" not in body and "How the proceeding ended" not in body
    assert not session.scalars(select(OutboxMail).where(OutboxMail.kind == "decision")).all()


def test_a_court_annulment_says_nobody_is_sanctioned(client: FlaskClient, session: Any,
                                                     users: Any) -> None:
    p = decisions.final(session, users, date(2026, 3, 2), [decisions.company()],
                        [decisions.FINE], court="annulled")
    (c,) = p.complaints
    body = page(client, with_code(session, c))
    assert "A court annulled the decision: nobody is sanctioned." in body
    assert "A fine (coima)" not in body


def test_archived_gives_the_reason_in_plain_words_not_the_note(
        client: FlaskClient, session: Any, users: Any, triaged: Complaint) -> None:
    # Archived on the merits as the law requires (Lei 93/2017 art. 19): the president proposes,
    # the complainant's 10 working days run (12 March 2026 -> 26 March), then the president
    # decides on 27 March.
    fire(session, triaged, "propose_non_opening", users.president, today=date(2026, 3, 12),
         reason_code="manifestly_unfounded", reason="Proposta.")
    fire(session, triaged, "decide_non_opening", users.president, today=date(2026, 3, 27),
         reason_code="manifestly_unfounded", reason="NOTA: queixoso recorrente.")
    body = page(client, triaged)
    assert "Why your complaint was closed" in body
    assert "The facts described do not show discrimination that the law punishes." in body
    assert "queixoso recorrente" not in body


def test_a_complainant_who_filed_in_nepali_reads_the_decision_in_nepali(
        client: FlaskClient, session: Any, users: Any) -> None:
    p = decisions.final(session, users, date(2026, 3, 2), [decisions.company()],
                        [decisions.ADMONITION], language="ne")
    (c,) = p.complaints
    body = page(client, with_code(session, c), "ne")
    assert '<html lang="ne"' in body
    assert "admoestação" in body and "An admonition" not in body
    assert re.search("[\u0900-\u097f]{3,}", body)  # Devanagari words, not English
    # The e-mail is in the language they filed in too.
    mail = session.scalars(select(OutboxMail).where(OutboxMail.kind == "decision")).one()
    assert mail.language == "ne" and re.search("[\u0900-\u097f]{3,}", mail.body)


def test_the_follow_up_page_speaks_the_language_filed_in_unless_another_was_chosen(
        client: FlaskClient, session: Any) -> None:
    c = with_code(session, factories.complaint(session, language="ne"))
    limiter.reset()
    english_browser = {"Accept-Language": "en-US,en;q=0.9"}
    client.post("/follow", data={"reference": c.reference, "code": CODE},
                headers=english_browser)
    body = client.get("/follow/case", headers=english_browser).get_data(as_text=True)
    assert '<html lang="ne"' in body  # the language they filed in, not the browser's
    other = FlaskClient(client.application, use_cookies=True)
    other.get("/follow?lang=fr")  # this person chose French on the portal
    other.post("/follow", data={"reference": c.reference, "code": CODE})
    assert '<html lang="fr"' in other.get("/follow/case").get_data(as_text=True)

"""Internal notes never reach the complainant: no portal page, no e-mail, no export shows them.

A realistic life of a police complaint, filed on the public form, with notes written by every
role that may write them at every step; then every page the complainant can open (in every
language) and every e-mail in the outbox is searched for the notes' unique marker.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.i18n import LANGUAGES
from cicdr.models import AuditEvent, Complaint, Message, OutboxMail, User
from cicdr.services.engine.transition import fire
from tests import factories
from tests.web.test_complaint_form import ABOUT, fill, receipt, submit

MARKER = "NOTA-INTERNA-q7Zx"  # appears in every note, and must appear nowhere else


def staff_client(app: Flask, user: User) -> FlaskClient:
    browser = app.test_client()
    assert browser.post("/staff/login", data={"email": user.email,
                                              "password": factories.PASSWORD}) \
        .status_code == 302
    return browser


def note(browser: FlaskClient, reference: str, text: str) -> None:
    response = browser.post(f"/staff/complaints/{reference}/notes",
                            data={"note-body": f"{text} {MARKER}"})
    assert response.status_code == 302, response.get_data(as_text=True)


def complainant_pages(app: Flask, complainant: FlaskClient, reference: str,
                      code: str) -> list[str]:
    """Every page the complainant can see: the receipt (page and text file), the sign-in page,
    and the follow-up page with its messages and timeline in every language."""
    pages = [complainant.get("/complaint/done").get_data(as_text=True),
             complainant.get("/complaint/done/code.txt").get_data(as_text=True)]
    follower = app.test_client()
    pages.append(follower.get("/follow").get_data(as_text=True))
    assert follower.post("/follow", data={"reference": reference, "code": code}) \
        .status_code == 302
    for lang in LANGUAGES:
        page = follower.get(f"/follow/case?lang={lang}")
        assert page.status_code == 200
        pages.append(page.get_data(as_text=True))
    return pages


def test_notes_never_appear_on_a_complainant_page_nor_in_any_email(
        app: Flask, client: FlaskClient, session: Any, users: Any) -> None:
    fill(client, about={**ABOUT, "preferred_language": "pt"})
    assert submit(client).status_code == 302
    reference, code = receipt(client)
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    officer, officer2 = staff_client(app, users.officer), staff_client(app, users.officer2)
    president = staff_client(app, users.president)
    commissioner = staff_client(app, users.commissioner)

    note(officer, reference, "Queixa parecida com a QN de 2025; verificar.")
    fire(session, complaint, "assign", users.officer, assignee=users.officer2.id)
    fire(session, complaint, "start_triage", users.officer2)
    note(officer2, reference, "A queixosa tem medo de represálias do agente.")
    officer2.post(f"/staff/complaints/{reference}/messages",
                  data={"message-body": "Recebemos a sua queixa e estamos a analisá-la."})
    fire(session, complaint, "request_information", users.officer2,
         question="Lembra-se da hora exata da revista?")
    note(commissioner, reference, "Caso a acompanhar na próxima reunião.")

    answerer = app.test_client()
    answerer.post("/follow", data={"reference": reference, "code": code})
    assert answerer.post("/follow/case/answer",
                         data={"answer-body": "Por volta das 22h."}).status_code == 302
    assert answerer.post("/follow/case/message",
                         data={"message-body": "Obrigada."}).status_code == 302

    factories.send_disciplinary_referral(session, complaint, users)
    note(president, reference, "Abrir processo; instrutor o técnico 1.")
    fire(session, complaint, "open_proceeding", users.president, instructor=users.officer.id)
    note(officer, reference, "Processo aberto; ouvir a testemunha.")
    result = app.test_cli_runner().invoke(args=["cicdr", "notify", "--today", "2030-01-02"])
    assert result.exit_code == 0, result.output

    notes = session.scalars(select(Message.body).where(Message.direction == "note")).all()
    assert len(notes) == 5 and all(MARKER in n for n in notes)  # the marker is really there
    pages = complainant_pages(app, client, reference, code)
    assert all("Recebemos a sua queixa" in p for p in pages[3:])  # messages are there
    for page in pages:
        assert MARKER not in page
        assert "represálias" not in page
    mails = session.scalars(select(OutboxMail)).all()
    kinds = {m.kind for m in mails}
    assert {"acknowledgement", "new_message", "status_change", "assignment",
            "deadlines"} <= kinds, kinds
    for mail in mails:
        assert MARKER not in mail.body and MARKER not in mail.subject, mail.kind
        assert "represálias" not in mail.body
    export = officer.get(f"/staff/complaints/{reference}/data-export.json")
    assert export.status_code == 200 and MARKER not in export.get_data(as_text=True)
    for event in session.scalars(select(AuditEvent).where(AuditEvent.action == "note")):
        assert MARKER not in event.data

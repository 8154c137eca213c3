"""Documents on the case pages: generating letters, staff uploads, the auditor's PDF export."""

from __future__ import annotations

import html
import io
import json
import sys
from typing import Any

import pypdf
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from cicdr.models import Attachment, AuditEvent
from cicdr.services import audit
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.storage import BlobStore
from tests import factories
from tests.conftest import AuthActions
from tests.services.test_documents import ELF, PNG, decided, in_instruction, text_of


def generated(session: Any) -> list[Attachment]:
    return list(session.scalars(select(Attachment).where(Attachment.source == "generated")))


def test_an_officer_generates_a_letter_from_the_case_page_and_finds_it_in_the_files(
        client: FlaskClient, session: Any, auth: AuthActions, app: Flask) -> None:
    c = factories.complaint(session)
    auth.login_as("officer")
    page = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert 'id="documents"' in page and "Generate acknowledgement to the complainant" in page
    assert "Not available: Only while the complaint awaits information" in page
    response = client.post(f"/staff/complaints/{c.reference}/documents/acknowledgement")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/staff/complaints/{c.reference}#documents")
    (made,) = generated(session)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Document created: {made.filename}." in page
    assert f'/staff/files/{made.id}"' in page  # in the Files list and in the Documents table
    download = client.get(f"/staff/files/{made.id}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    assert c.reference in text_of(download.data)


def test_a_per_respondent_document_takes_the_respondent_from_the_form(
        client: FlaskClient, session: Any, auth: AuthActions, users: Any) -> None:
    p = in_instruction(session, users)
    respondent = p.respondents[0]
    auth.login_as("officer")
    page = client.get(f"/staff/proceedings/{p.reference}").get_data(as_text=True)
    assert '<label for="doc-accusation-respondent">Respondent</label>' in page
    assert f'<option value="{respondent.id}"' in page
    missing = client.post(f"/staff/proceedings/{p.reference}/documents/accusation")
    assert missing.status_code == 422
    assert "Choose the respondent it is for" in missing.get_data(as_text=True)
    response = client.post(f"/staff/proceedings/{p.reference}/documents/accusation",
                           data={"respondent": str(respondent.id)})
    assert response.status_code == 302
    (made,) = generated(session)
    assert made.proceeding_id == p.id and f"arguido-{respondent.id}" in made.filename
    page = client.get(f"/staff/proceedings/{p.reference}").get_data(as_text=True)
    assert made.filename in page  # the proceeding page lists its files in the partial


def test_a_document_not_due_is_refused_with_the_reason_and_an_unknown_one_is_not_found(
        client: FlaskClient, session: Any, auth: AuthActions, users: Any) -> None:
    p = in_instruction(session, users)
    auth.login_as("officer")
    response = client.post(f"/staff/proceedings/{p.reference}/documents/decision_notification",
                           data={"respondent": str(p.respondents[0].id)})
    assert response.status_code == 409
    assert "decision is not recorded yet" in response.get_data(as_text=True)
    assert client.post(f"/staff/proceedings/{p.reference}/documents/nonsense").status_code == 404
    assert client.post(
        f"/staff/proceedings/{p.reference}/documents/acknowledgement").status_code == 404
    assert generated(session) == []


@pytest.mark.parametrize("role", ["auditor", "commissioner"])
def test_auditors_and_commissioners_get_403_on_generation_and_upload(
        client: FlaskClient, session: Any, auth: AuthActions, role: str) -> None:
    c = factories.complaint(session)
    auth.login_as(role)
    page = client.get(f"/staff/complaints/{c.reference}").get_data(as_text=True)
    assert "generated, and files added, by officers and the president" in page
    assert "Generate acknowledgement" not in page and 'name="files"' not in page
    assert client.post(
        f"/staff/complaints/{c.reference}/documents/acknowledgement").status_code == 403
    assert client.post(f"/staff/complaints/{c.reference}/files",
                       data={"files": (io.BytesIO(PNG), "a.png")}).status_code == 403
    assert session.scalar(select(Attachment)) is None


def test_the_president_generates_the_decision_notification(
        client: FlaskClient, session: Any, auth: AuthActions, users: Any, app: Flask) -> None:
    p = decided(session, users)
    auth.login_as("president")
    response = client.post(f"/staff/proceedings/{p.reference}/documents/decision_notification",
                           data={"respondent": str(p.respondents[0].id)})
    assert response.status_code == 302
    (made,) = generated(session)
    text = text_of(BlobStore(app.config["BLOB_DIR"]).get(made.sha256))
    assert "750,00 €" in text and "impugnação" in text and "20 dias úteis" in text


def test_a_program_renamed_pdf_is_refused_with_a_message_and_nothing_is_kept(
        client: FlaskClient, session: Any, auth: AuthActions, users: Any) -> None:
    p = in_instruction(session, users)
    auth.login_as("officer")
    response = client.post(f"/staff/proceedings/{p.reference}/files",
                           data={"files": [(io.BytesIO(PNG), "acta.png"),
                                           (io.BytesIO(ELF), "resposta.pdf")]},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "“resposta.pdf” is not a PDF file: its content is a program." in body
    assert "No file was added" in body
    assert session.scalar(select(Attachment)) is None
    empty = client.post(f"/staff/proceedings/{p.reference}/files", data={},
                        content_type="multipart/form-data")
    assert empty.status_code == 422 and "Choose at least one file." in empty.get_data(
        as_text=True)


def test_an_officer_adds_instruction_documents_to_a_case(
        client: FlaskClient, session: Any, auth: AuthActions, users: Any) -> None:
    p = in_instruction(session, users)
    auth.login_as("officer")
    response = client.post(f"/staff/proceedings/{p.reference}/files",
                           data={"files": [(io.BytesIO(PNG), "acta da audição.png")]},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    (added,) = session.scalars(select(Attachment)).all()
    assert (added.source, added.proceeding_id, added.filename) == (
        "staff", p.id, "acta da audição.png")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Added: acta da audição.png." in page
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "add_document"))
    assert event.actor_id == users.officer.id and audit.verify(session).ok


def test_without_weasyprint_generation_says_so_and_records_nothing(
        client: FlaskClient, session: Any, auth: AuthActions,
        monkeypatch: pytest.MonkeyPatch) -> None:
    c = factories.complaint(session)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as on a server without it
    auth.login_as("officer")
    response = client.post(f"/staff/complaints/{c.reference}/documents/acknowledgement")
    assert response.status_code == 503
    assert "PDF generation is not available on this server: install Debian's libpango-1.0-0" \
        in html.unescape(response.get_data(as_text=True))
    assert generated(session) == []
    assert session.scalar(select(AuditEvent).where(
        AuditEvent.action == "generate_document")) is None


def test_the_auditor_exports_a_case_history_as_pdf_and_the_export_is_recorded(
        client: FlaskClient, session: Any, auth: AuthActions, users: Any, app: Flask) -> None:
    p = in_instruction(session, users)
    draft_referral(session, p, body="mp", purpose="prosecutor", actor=users.officer,
                   summary="Possível crime.")
    auth.login_as("officer")
    client.post(f"/staff/proceedings/{p.reference}/documents/accusation",
                data={"respondent": str(p.respondents[0].id)})
    client.post("/staff/logout")
    auth.login_as("auditor")
    page = client.get(f"/staff/audit/cases/proceedings/{p.reference}").get_data(as_text=True)
    assert f"/staff/audit/cases/proceedings/{p.reference}/history.pdf" in page
    response = client.get(f"/staff/audit/cases/proceedings/{p.reference}/history.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f'filename="{p.reference}-history.pdf"' in response.headers["Content-Disposition"]
    text = text_of(response.data)
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.subject_type == "proceeding").order_by(AuditEvent.seq)).all()
    # Each action under its name (no code such as start_instruction is left for a reader).
    assert p.reference in text and "Letter generated" in text and "Start instruction" in text
    assert "read: Page read" in text  # the officer's and the auditor's page views
    for event in events[:3]:
        assert event.hash in text.replace(" ", "")
    assert "content matches its hash" in text and "yes: the stored bytes hash to it" in text
    assert "[referral" in text  # the referral's own events are in the history too
    export = session.scalars(select(AuditEvent).where(AuditEvent.action == "access.export")
                             ).one()
    assert (export.subject_ref, export.actor_id) == (p.reference, users.auditor.id)
    assert json.loads(export.data)["format"] == "pdf"
    assert audit.verify(session).ok


def test_the_history_pdf_of_a_referral_is_reached_by_its_number(
        client: FlaskClient, session: Any, auth: AuthActions, users: Any) -> None:
    c = factories.complaint(session)
    referral = draft_referral(session, c, body="act", purpose="forward", actor=users.officer,
                              summary="Matéria laboral.")
    auth.login_as("auditor")
    page = client.get(f"/staff/audit/cases/referrals/{referral.id}").get_data(as_text=True)
    assert f"/staff/audit/cases/referrals/{referral.id}/history.json" in page
    response = client.get(f"/staff/audit/cases/referrals/{referral.id}/history.pdf")
    assert response.status_code == 200
    assert referral.reference in text_of(response.data)
    assert len(pypdf.PdfReader(io.BytesIO(response.data)).pages) >= 1

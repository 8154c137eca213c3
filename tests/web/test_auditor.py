"""The auditor: full histories with every reader, files checked, exports recorded, read-only."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text

from cicdr.models import Attachment, AuditEvent
from cicdr.services import audit
from cicdr.services.core.storage import BlobStore
from tests import factories
from tests.conftest import AuthActions
from tests.tamper import audit_protection_lifted

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def with_photo(session: Any, app: Flask) -> tuple[Any, str]:
    """A complaint with one photo the complainant sent; returns it and the photo's hash."""
    complaint = factories.complaint(session)
    digest = BlobStore(app.config["BLOB_DIR"]).put(PNG)
    session.add(Attachment(complaint_id=complaint.id, filename="foto.png",
                           content_type="image/png", size=len(PNG), sha256=digest,
                           source="complainant"))
    session.commit()
    return complaint, digest


def reads(session: Any, action: str) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                                .order_by(AuditEvent.seq)))


def test_viewing_downloading_and_searching_each_leave_an_access_record(
        client: FlaskClient, session: Any, auth: AuthActions, app: Flask) -> None:
    complaint, digest = with_photo(session, app)
    attachment = session.scalar(select(Attachment))
    auth.login_as("officer")
    client.get(f"/staff/complaints/{complaint.reference}")
    client.get(f"/staff/files/{attachment.id}")
    client.get("/staff/cases?q=Amadora")
    viewed, downloaded, searched = (reads(session, a)[0] for a in (
        "access.view", "access.download", "access.search"))
    assert (viewed.subject_ref, viewed.actor_id) == (complaint.reference, auth.staff.officer.id)
    assert json.loads(viewed.data)["endpoint"] == f"/staff/complaints/{complaint.reference}"
    assert downloaded.subject_ref == complaint.reference
    assert json.loads(downloaded.data)["sha256"] == digest
    assert json.loads(searched.data)["q"] == "Amadora"
    assert audit.verify(session).ok  # access records are links of the same chain
    # ...and they stay out of the case's working timeline.
    page = client.get(f"/staff/complaints/{complaint.reference}").get_data(as_text=True)
    assert "access.view" not in page


def test_the_auditor_reads_a_case_history_with_its_readers_and_file_hashes(
        client: FlaskClient, session: Any, auth: AuthActions, app: Flask) -> None:
    complaint, digest = with_photo(session, app)
    auth.login_as("officer")
    client.get(f"/staff/complaints/{complaint.reference}")
    client.post("/staff/logout")
    auth.login_as("auditor")
    page = client.get(f"/staff/audit/cases/complaints/{complaint.reference}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert ">submit<" in body and "received" in body
    assert auth.staff.officer.email in body  # the officer's read is listed
    assert "yes: the stored bytes hash to it" in body
    BlobStore(app.config["BLOB_DIR"]).path(digest).write_bytes(b"altered")
    body = client.get(f"/staff/audit/cases/complaints/{complaint.reference}").get_data(
        as_text=True)
    assert "NO: the stored file is missing or altered" in body


def test_exports_are_complete_and_recorded(client: FlaskClient, session: Any,
                                           auth: AuthActions) -> None:
    complaint = factories.complaint(session)
    auth.login_as("auditor")
    exported = client.get(f"/staff/audit/cases/complaints/{complaint.reference}/history.json")
    assert exported.headers["Content-Disposition"].startswith("attachment")
    history = json.loads(exported.data)
    assert history["case"]["reference"] == complaint.reference
    assert history["events"][0]["action"] == "submit"
    assert all(len(e["hash"]) == 64 for e in history["events"])
    today = date.today().isoformat()
    log = client.get(f"/staff/audit/log.csv?start=2000-01-01&end={today}")
    rows = list(csv.DictReader(io.StringIO(log.get_data(as_text=True))))
    assert any(r["action"] == "submit" for r in rows)
    assert len(json.loads(client.get(f"/staff/audit/log.json?start=2000-01-01&end={today}")
                          .data)) >= len(rows)
    exports = reads(session, "access.export")
    assert [json.loads(e.data)["format"] for e in exports] == ["json", "csv", "json"]
    assert client.get("/staff/audit/log.csv?start=2026-02-01&end=2026-01-01").status_code == 400
    assert client.get("/staff/audit/log.csv?start=yesterday").status_code == 400


def test_csv_cells_cannot_carry_spreadsheet_formulas(client: FlaskClient, session: Any,
                                                     auth: AuthActions) -> None:
    auth.login_as("officer")
    client.get("/staff/cases?q==HYPERLINK(1)")
    client.post("/staff/logout")
    auth.login_as("auditor")
    today = date.today().isoformat()
    text_ = client.get(f"/staff/audit/log.csv?start=2000-01-01&end={today}").get_data(
        as_text=True)
    assert ",=" not in text_ and "\n=" not in text_


def test_the_auditor_sees_a_break_in_the_chain(client: FlaskClient, session: Any,
                                              auth: AuthActions) -> None:
    factories.complaint(session)
    auth.login_as("auditor")
    assert "Intact." in client.get("/staff/audit/verify").get_data(as_text=True)
    with audit_protection_lifted(session):
        session.execute(text("UPDATE audit_events SET actor_label = 'someone else' WHERE seq = 2"))
    body = client.get("/staff/audit/verify").get_data(as_text=True)
    assert "Broken." in body and "Event 2" in body


def test_a_users_reads_are_listed(client: FlaskClient, session: Any, auth: AuthActions) -> None:
    complaint = factories.complaint(session)
    auth.login_as("president")
    client.get(f"/staff/complaints/{complaint.reference}")
    client.post("/staff/logout")
    auth.login_as("auditor")
    body = client.get(f"/staff/audit/users/{auth.staff.president.id}").get_data(as_text=True)
    assert complaint.reference in body and "view" in body


def test_a_read_referral_links_to_its_audit_page(client: FlaskClient, session: Any,
                                                  auth: AuthActions) -> None:
    from cicdr.services.casework.referrals import draft_referral

    complaint = factories.complaint(session, police=True)
    referral = draft_referral(session, complaint, body="igai", purpose="disciplinary",
                              actor=auth.staff.officer, summary="Conduta policial.")
    auth.login_as("president")
    client.get(f"/staff/referrals/{referral.id}")
    client.post("/staff/logout")
    auth.login_as("auditor")
    body = client.get(f"/staff/audit/users/{auth.staff.president.id}").get_data(as_text=True)
    link = f'href="/staff/audit/cases/referrals/{referral.id}"'
    assert link in body
    assert client.get(f"/staff/audit/cases/referrals/{referral.id}").status_code == 200


@pytest.mark.parametrize("role", ["officer", "president", "commissioner", "admin"])
def test_only_auditors_open_the_audit_workspace(client: FlaskClient, session: Any,
                                                auth: AuthActions, role: str) -> None:
    auth.login_as(role)
    assert client.get("/staff/audit/").status_code == 403


def test_every_post_endpoint_answers_403_to_the_auditor(app: Flask, client: FlaskClient,
                                                        session: Any,
                                                        auth: AuthActions) -> None:
    complaint = factories.complaint(session)
    auth.login_as("auditor")
    checked = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or ()) or not rule.rule.startswith("/staff") or \
                rule.endpoint.startswith("auth."):
            continue  # signing in and out is the auditor's own session, not a change
        values = {"kind": "complaints", "key": complaint.reference, "trigger": "start_triage",
                  "step": "about-you", "attachment_id": 1, "user_id": 1,
                  "doc_kind": "acknowledgement", "vocabulary": "ground", "code": "colour"}
        url = rule.rule
        for name in rule.arguments:
            value = values.get(name, 1)  # any other id: the auditor is refused before lookup
            url = url.replace(f"<{name}>", str(value)).replace(f"<int:{name}>", str(value))
        assert client.post(url).status_code == 403, url
        checked += 1
    assert checked >= 3


def test_deleting_an_access_record_breaks_the_chain(client: FlaskClient, session: Any,
                                                    auth: AuthActions) -> None:
    complaint = factories.complaint(session)
    auth.login_as("officer")
    client.get(f"/staff/complaints/{complaint.reference}")
    client.get(f"/staff/complaints/{complaint.reference}")
    first = reads(session, "access.view")[0]
    seq, row_id = first.seq, first.id
    with audit_protection_lifted(session):
        session.execute(text("DELETE FROM audit_events WHERE id = :id"), {"id": row_id})
    session.expire_all()
    result = audit.verify(session)
    assert not result.ok and result.broken_seq == seq + 1


def test_staff_export_everything_held_about_a_complainant(client: FlaskClient, session: Any,
                                                          auth: AuthActions) -> None:
    from cicdr.models import Message

    complaint = factories.complaint(session)
    session.add(Message(complaint_id=complaint.id, direction="note", body="Nota interna."))
    session.add(Message(complaint_id=complaint.id, direction="to_complainant",
                        body="Pode enviar fotografias?"))
    session.commit()
    auth.login_as("officer")
    response = client.get(f"/staff/complaints/{complaint.reference}/data-export.json")
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.data)
    assert data["complaint"]["description"] == complaint.description
    assert complaint.complainant.email in {p["email"] for p in data["parties"]}
    assert [m["body"] for m in data["messages"]] == ["Pode enviar fotografias?"]
    assert data["internal_notes_withheld"] == 1 and "Nota interna." not in response.get_data(
        as_text=True)
    assert json.loads(reads(session, "access.export")[0].data)["kind"] == "data_subject"
    client.post("/staff/logout")
    auth.login_as("commissioner")
    assert client.get(f"/staff/complaints/{complaint.reference}/data-export.json"
                      ).status_code == 403


def test_the_case_history_says_whether_its_events_still_verify(
        client: FlaskClient, session: Any, auth: AuthActions, users: Any) -> None:
    from cicdr.services.engine.transition import fire

    complaint = factories.complaint(session)
    fire(session, complaint, "start_triage", users.officer, today=date(2026, 3, 11))
    auth.login_as("auditor")
    url = f"/staff/audit/cases/complaints/{complaint.reference}"
    assert "Verified." in client.get(url).get_data(as_text=True)
    triage = session.scalar(select(AuditEvent).where(AuditEvent.action == "start_triage"))
    with audit_protection_lifted(session):  # the filing, just before triage, disappears
        session.execute(text("DELETE FROM audit_events WHERE seq = :s"), {"s": triage.seq - 1})
    body = client.get(url).get_data(as_text=True)
    assert "Altered." in body
    assert f"event {triage.seq}: the event before it (seq {triage.seq - 1}) is missing" in body
    with audit_protection_lifted(session):
        session.execute(text("UPDATE audit_events SET actor_label = 'someone else' "
                             "WHERE id = :i"), {"i": triage.id})
    body = client.get(url).get_data(as_text=True)
    assert f"event {triage.seq}: its content does not match" in body

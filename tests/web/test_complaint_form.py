"""The complaint form: steps, drafts that keep what was typed, evidence, receipt, staff entry."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text

from cicdr import create_app
from cicdr.config import TestConfig
from cicdr.extensions import db, limiter
from cicdr.models import Attachment, AuditEvent, Complaint, ComplaintDraft, OutboxMail
from cicdr.services.core.storage import BlobStore
from cicdr.services.intake import drafts

PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)
PDF = b"%PDF-1.4\n" + b"1 0 obj\n<<>>\nendobj\n" * 10
EXE = b"MZ\x90\x00" + bytes(300)

ABOUT = {"complainant_type": "victim", "name": "Ana Ferreira", "contact_channel": "email",
         "email": "ana@example.org", "phone": "", "address": "", "preferred_language": "pt"}
FACTS = {"facts_date": "2026-10-30", "district": "lisboa", "place": "Amadora, Reboleira",
         "context": "security_forces", "practice": "i",
         "description": "Dois agentes da PSP chamaram-me nomes racistas durante uma revista."}
WHY = {"grounds": ["colour", "racial_ethnic_origin"], "expression_colour": "por ser negra"}
WHO = {"respondents-0-kind": "security_force", "respondents-0-name": "",
       "respondents-0-security_force": "psp", "respondents-0-unit": "Esquadra da Reboleira",
       "respondents-0-officer_identification": "agente n.º 1234"}
PEOPLE = {"witnesses-0-name": "Rui Costa", "witnesses-0-contact": "912 345 678"}


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    limiter.reset()


def errors(response: Any) -> list[str]:
    return re.findall(r'class="error-message"[^>]*><span class="visually-hidden">[^<]*</span>'
                      r"\s*(.*?)</p>", response.get_data(as_text=True))


def post(client: FlaskClient, step: str, data: dict[str, Any], nav: str = "next",
         prefix: str = "/complaint") -> Any:
    return client.post(f"{prefix}/{step}", data={**data, "nav": nav},
                       content_type="multipart/form-data")


def fill(client: FlaskClient, prefix: str = "/complaint", about: dict[str, Any] | None = None,
         files: list[tuple[bytes, str]] | None = None) -> None:
    """Every step up to the review, checking each moves on."""
    for step, data in (("about-you", about or ABOUT), ("what-happened", FACTS), ("why", WHY),
                       ("who-did-it", WHO), ("people", PEOPLE)):
        response = post(client, step, data, prefix=prefix)
        assert response.status_code == 302, (step, errors(response))
    evidence = {"files": [(io.BytesIO(data), name) for data, name in files or []]}
    response = post(client, "evidence", evidence, prefix=prefix)
    assert response.status_code == 302, errors(response)
    assert response.location.endswith(f"{prefix}/review")


def submit(client: FlaskClient, prefix: str = "/complaint", **extra: str) -> Any:
    return post(client, "review", {"consent": "y", **extra}, nav="submit", prefix=prefix)


def receipt(client: FlaskClient, prefix: str = "/complaint") -> tuple[str, str]:
    page = client.get(f"{prefix}/done").get_data(as_text=True)
    reference = re.search(r'id="reference">([^<]+)<', page)
    code = re.search(r'id="access-code">([^<]+)<', page)
    assert reference and code, page
    return reference.group(1), code.group(1)


# -- the whole way ---------------------------------------------------------------------------------

def test_a_complaint_against_a_psp_officer_is_filed_with_every_detail(
        client: FlaskClient, session: Any) -> None:
    client.get("/?lang=pt")
    fill(client, files=[(PNG, "foto.png"), (PDF, "queixa.pdf")])
    response = submit(client, withhold_identity="y")
    assert response.status_code == 302 and response.location.endswith("/complaint/done")
    reference, code = receipt(client)

    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    assert complaint.state == "received" and complaint.channel == "online"
    assert complaint.origin == "queixa" and complaint.language == "pt"
    assert complaint.facts_date == date(2026, 10, 30) and complaint.district == "lisboa"
    assert complaint.practice == "i" and complaint.withhold_identity is True
    assert complaint.contact_channel == "email" and not complaint.anonymous
    assert {(g.ground, g.expression) for g in complaint.grounds} == {
        ("colour", "por ser negra"), ("racial_ethnic_origin", None)}
    police = complaint.respondents[0]
    assert (police.kind, police.security_force, police.unit, police.officer_identification) == (
        "security_force", "psp", "Esquadra da Reboleira", "agente n.º 1234")
    assert complaint.is_police_related
    assert complaint.complainant.email == "ana@example.org"
    assert [p.name for p in complaint.parties_as("witness")] == ["Rui Costa"]
    files = session.scalars(select(Attachment).where(Attachment.complaint_id == complaint.id))
    assert sorted((f.filename, f.content_type, f.source) for f in files) == [
        ("foto.png", "image/png", "complainant"), ("queixa.pdf", "application/pdf",
                                                   "complainant")]
    event = session.scalar(select(AuditEvent).where(AuditEvent.subject_type == "complaint",
                                                    AuditEvent.subject_id == complaint.id))
    assert (event.action, event.role, event.to_state) == ("submit", "complainant", "received")
    assert event.actor_label == f"complainant of {reference}"
    assert session.scalar(select(func.count(ComplaintDraft.id))) == 0

    # The receipt's code opens the follow-up.
    response = client.post("/follow", data={"reference": reference, "code": code})
    assert response.status_code == 302 and response.location.endswith("/follow/case")


def test_the_receipt_is_not_cached_and_can_be_saved_as_a_file(client: FlaskClient,
                                                             session: Any) -> None:
    fill(client)
    submit(client)
    response = client.get("/complaint/done")
    assert response.headers["Cache-Control"] == "no-store"
    reference, code = receipt(client)
    text_file = client.get("/complaint/done/code.txt")
    assert text_file.headers["Content-Disposition"] == f'attachment; filename="{reference}.txt"'
    assert reference in text_file.get_data(as_text=True)
    assert code in text_file.get_data(as_text=True)
    stored = session.scalar(select(Complaint.access_code_hash))
    assert code not in stored and code.replace("-", "") not in stored


def test_the_complaint_keeps_the_language_it_was_filed_in(client: FlaskClient,
                                                          session: Any) -> None:
    client.get("/?lang=ar")
    page = client.get("/complaint/about-you").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    fill(client, about={**ABOUT, "preferred_language": "en"})
    submit(client)
    complaint = session.scalar(select(Complaint))
    assert (complaint.language, complaint.preferred_language) == ("ar", "en")


def test_an_anonymous_complaint_needs_no_contact_details(client: FlaskClient,
                                                          session: Any) -> None:
    fill(client, about={"complainant_type": "third_party", "anonymous": "y",
                        "preferred_language": "pt"})
    assert submit(client).status_code == 302
    complaint = session.scalar(select(Complaint))
    assert complaint.anonymous and complaint.complainant is None
    assert complaint.origin == "denuncia" and complaint.contact_channel == "portal"
    assert session.scalar(select(func.count(OutboxMail.id))) == 0


# -- nothing typed is lost ----------------------------------------------------------------------

MISSING = [  # (step, data sent, field named, message)
    ("about-you", {**ABOUT, "complainant_type": ""}, "complainant_type",
     "Say who is complaining."),
    ("about-you", {**ABOUT, "name": ""}, "name",
     "Enter your name, or choose to complain without it."),
    ("about-you", {**ABOUT, "contact_channel": ""}, "contact_channel",
     "Choose how CICDR should contact you."),
    ("about-you", {**ABOUT, "email": ""}, "email",
     "Enter your e-mail address, or choose another way to be contacted."),
    ("about-you", {**ABOUT, "email": "not-an-address"}, "email",
     "Enter an e-mail address like name@example.com."),
    ("what-happened", {**FACTS, "facts_date": ""}, "facts_date",
     "Enter the date of the facts (an approximate date is fine)."),
    ("what-happened", {**FACTS, "facts_date": "31/02/2026"}, "facts_date",
     "Enter the date as day, month and year, for example 25/03/2026."),
    ("what-happened", {**FACTS, "district": ""}, "district", "Choose the district, or Online."),
    ("what-happened", {**FACTS, "context": ""}, "context", "Choose the situation."),
    ("what-happened", {**FACTS, "description": ""}, "description", "Describe what happened."),
    ("what-happened", {**FACTS, "description": "too short"}, "description",
     "Describe what happened (at least 20 characters)."),
    ("why", {"grounds": []}, "grounds", "Choose at least one reason."),
    ("who-did-it", {**WHO, "respondents-0-kind": ""}, "respondents-0-kind", "Say who it was."),
    ("who-did-it", {**WHO, "respondents-0-security_force": ""}, "respondents-0-security_force",
     "Choose which force."),
]


@pytest.mark.parametrize(("step", "data", "field", "message"), MISSING)
def test_each_missing_or_wrong_field_is_named_and_the_rest_is_kept(
        client: FlaskClient, session: Any, step: str, data: dict[str, Any], field: str,
        message: str) -> None:
    client.get("/?lang=en")
    response = post(client, step, data)
    assert response.status_code == 422
    assert message in errors(response)
    page = response.get_data(as_text=True)
    target = f"{field}-0" if field in ("complainant_type", "contact_channel", "grounds") \
        else field
    assert f'href="#{target}"' in page  # the error summary links to the field
    typed = [v for k, v in data.items() if k != field and isinstance(v, str) and len(v) > 3]
    for value in typed:
        assert value in page.replace("&#39;", "'")
    # A reload shows the same values: they were saved, not only echoed.
    reloaded = client.get(f"/complaint/{step}").get_data(as_text=True)
    for value in typed:
        assert value in reloaded.replace("&#39;", "'")


def test_a_date_in_the_future_is_refused(client: FlaskClient, session: Any) -> None:
    client.get("/?lang=en")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = post(client, "what-happened", {**FACTS, "facts_date": tomorrow})
    assert response.status_code == 422
    assert "The date of the facts cannot be in the future." in errors(response)


def test_back_and_reload_keep_what_was_typed_without_checking_it(client: FlaskClient,
                                                                   session: Any) -> None:
    post(client, "about-you", ABOUT)
    half = {**FACTS, "district": "", "description": "Ainda a escrever"}
    response = post(client, "what-happened", half, nav="back")
    assert response.status_code == 302 and response.location.endswith("/complaint/about-you")
    assert "Ana Ferreira" in client.get("/complaint/about-you").get_data(as_text=True)
    again = client.get("/complaint/what-happened").get_data(as_text=True)
    assert "Ainda a escrever" in again and "Amadora, Reboleira" in again
    # Coming back to /complaint continues at the first step not yet visited.
    assert client.get("/complaint").location.endswith("/complaint/why")


def test_respondents_and_witnesses_can_be_added_and_removed(client: FlaskClient,
                                                            session: Any) -> None:
    response = post(client, "who-did-it", WHO, nav="add-respondent")
    assert response.location.endswith("/complaint/who-did-it#respondents")
    page = client.get("/complaint/who-did-it?lang=en").get_data(as_text=True)
    assert "Person or body 2" in page and "Esquadra da Reboleira" in page
    second = {**WHO, "respondents-1-kind": "natural_person", "respondents-1-name": "Dono"}
    post(client, "who-did-it", second, nav="remove-respondent-0")
    page = client.get("/complaint/who-did-it?lang=en").get_data(as_text=True)
    assert "Person or body 2" not in page and "Dono" in page
    assert "Esquadra da Reboleira" not in page
    post(client, "people", {}, nav="add-witness")
    post(client, "people", {"witnesses-0-name": "A"}, nav="add-witness")
    page = client.get("/complaint/people?lang=en").get_data(as_text=True)
    assert "Witness 2" in page and 'value="A"' in page


def test_the_description_is_shown_escaped_on_the_review(client: FlaskClient,
                                                        session: Any) -> None:
    fill(client)
    attack = "<script>alert('x')</script> e mais texto para chegar aos vinte."
    post(client, "what-happened", {**FACTS, "description": attack})
    page = client.get("/complaint/review").get_data(as_text=True)
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(" in page


def test_review_sends_back_to_a_step_that_was_never_completed(client: FlaskClient,
                                                              session: Any) -> None:
    post(client, "about-you", ABOUT)
    response = submit(client)
    assert response.status_code == 302
    assert response.location.endswith("/complaint/what-happened?check=1")
    page = client.get(response.location).get_data(as_text=True)
    assert "error-summary" in page
    assert session.scalar(select(func.count(Complaint.id))) == 0


def test_consent_is_required(client: FlaskClient, session: Any) -> None:
    client.get("/?lang=en")
    fill(client)
    response = post(client, "review", {}, nav="submit")
    assert response.status_code == 422
    assert any("Tick the box to confirm" in e for e in errors(response))
    assert session.scalar(select(func.count(Complaint.id))) == 0


def test_the_honeypot_refuses_robots_and_keeps_the_draft(client: FlaskClient,
                                                         session: Any) -> None:
    fill(client)
    response = submit(client, website="http://spam.example")
    assert response.status_code == 400
    assert session.scalar(select(func.count(Complaint.id))) == 0
    assert submit(client).status_code == 302  # a person who retries gets through


def test_a_refused_filing_keeps_the_draft_and_what_the_review_said(
        client: FlaskClient, session: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review's values are written with the filing or, when filing is refused, on their
    own: the draft and what the review said survive a refusal (issue 16: one commit a step)."""
    from cicdr.services.core.errors import InvalidData
    from cicdr.services.intake import filing

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise InvalidData({"facts_date": "refused for the test"})

    fill(client)
    monkeypatch.setattr(filing, "register_complaint", refuse)
    response = submit(client, withhold_identity="y")
    assert response.status_code == 422
    assert session.scalar(select(func.count(Complaint.id))) == 0
    session.expire_all()
    draft = session.scalar(select(ComplaintDraft))
    assert draft is not None  # rolled back with the refused filing, not deleted
    assert ["withhold_identity", "y"] in drafts.step_pairs(draft, "review")
    assert drafts.step_pairs(draft, "people") is not None  # the earlier steps too
    monkeypatch.undo()
    assert submit(client, withhold_identity="y").status_code == 302
    complaint = session.scalar(select(Complaint))
    assert complaint is not None and complaint.withhold_identity
    assert session.scalar(select(func.count(ComplaintDraft.id))) == 0


def test_a_step_sent_is_written_in_one_commit(client: FlaskClient, session: Any) -> None:
    """Issue 16 part 5: the first step starts the draft with its values (one commit, not
    one for the empty draft and another for the values); later steps commit once."""
    commits: list[int] = []
    from sqlalchemy import event

    def count(_conn: Any) -> None:
        commits.append(1)

    event.listen(db.engine, "commit", count)
    try:
        for step, data in (("about-you", ABOUT), ("what-happened", FACTS), ("why", WHY)):
            commits.clear()
            response = post(client, step, data)
            assert response.status_code == 302, (step, errors(response))
            assert len(commits) == 1, (step, len(commits))
        commits.clear()
        response = post(client, "evidence", {"files": [(io.BytesIO(PNG), "foto.png")]},
                        nav="upload")
        assert response.status_code == 302, errors(response)
        assert len(commits) == 1  # the step's values and the file together
    finally:
        event.remove(db.engine, "commit", count)
    draft = session.scalar(select(ComplaintDraft))
    assert [f.filename for f in draft.files] == ["foto.png"]
    assert drafts.step_pairs(draft, "why") is not None


# -- evidence -------------------------------------------------------------------------------------

def test_a_program_renamed_pdf_is_refused_with_a_clear_message(client: FlaskClient,
                                                               session: Any) -> None:
    client.get("/?lang=en")
    response = post(client, "evidence", {"files": [(io.BytesIO(EXE), "recibo.pdf"),
                                                   (io.BytesIO(PNG), "foto.png")]})
    assert response.status_code == 422
    assert "“recibo.pdf” is not a PDF file: its content is a program. Attach photos, PDF or " \
           "office documents, audio or video." in errors(response)
    assert session.scalar(select(func.count(Attachment.id))) == 0
    draft = session.scalar(select(ComplaintDraft))
    assert draft.files == []  # nothing of a refused batch is kept


def test_an_oversize_file_is_refused_in_the_visitors_language(app: Flask, client: FlaskClient,
                                                             session: Any) -> None:
    app.config["UPLOAD_LIMITS"] = {"max_file_bytes": 100}
    try:
        client.get("/?lang=pt")
        response = post(client, "evidence", {"files": [(io.BytesIO(PNG), "grande.png")]})
    finally:
        app.config["UPLOAD_LIMITS"] = {}
    assert response.status_code == 422
    assert errors(response) == ["“grande.png” tem mais de 100 bytes."]


def test_a_request_larger_than_the_limit_gets_a_page_not_a_crash(app: Flask, client: FlaskClient,
                                                                 session: Any) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = client.post("/complaint/evidence?lang=en", content_type="multipart/form-data",
                               data={"nav": "next",
                                     "files": [(io.BytesIO(bytes(5000)), "a.png")]})
    finally:
        app.config["MAX_CONTENT_LENGTH"] = TestConfig.MAX_CONTENT_LENGTH
    assert response.status_code == 413
    assert "Go back and send smaller or fewer files." in response.get_data(as_text=True)


def test_files_can_be_removed_before_sending(client: FlaskClient, session: Any) -> None:
    post(client, "evidence", {"files": [(io.BytesIO(PNG), "a.png"), (io.BytesIO(PDF), "b.pdf")]},
         nav="upload")
    draft = session.scalar(select(ComplaintDraft))
    first = draft.files[0].id
    post(client, "evidence", {}, nav=f"remove-file-{first}")
    session.expire_all()
    assert [f.filename for f in session.scalar(select(ComplaintDraft)).files] == ["b.pdf"]


# -- abuse and privacy -------------------------------------------------------------------------

def test_submissions_are_rate_limited_per_client(app: Flask, client: FlaskClient,
                                                 session: Any) -> None:
    app.config["COMPLAINT_LIMIT"] = "2 per hour"
    try:
        for _ in range(2):
            fill(client)
            assert submit(client).status_code == 302
        fill(client)
        refused = submit(client)
    finally:
        app.config["COMPLAINT_LIMIT"] = TestConfig.COMPLAINT_LIMIT
    assert refused.status_code == 429
    assert session.scalar(select(func.count(Complaint.id))) == 2
    assert session.scalar(select(func.count(ComplaintDraft.id))) == 1  # the third is kept


def test_no_ip_address_is_stored_anywhere(client: FlaskClient, session: Any) -> None:
    ip = "203.0.113.77"
    client.environ_base["REMOTE_ADDR"] = ip
    client.environ_base["HTTP_X_FORWARDED_FOR"] = ip
    fill(client, files=[(PNG, "foto.png")])
    submit(client)
    for table in db.metadata.sorted_tables:
        for row in session.execute(table.select()):
            assert ip not in repr(tuple(row)), table.name


def test_a_post_without_csrf_token_is_refused_and_the_draft_survives(
        app: Flask, client: FlaskClient, session: Any) -> None:
    post(client, "about-you", ABOUT)
    config = TestConfig(app.config["SQLALCHEMY_DATABASE_URI"], app.config["BLOB_DIR"])
    config.WTF_CSRF_ENABLED = True
    guarded = create_app(config).test_client()
    response = guarded.post("/complaint/about-you?lang=en", data={**ABOUT, "nav": "next"})
    assert response.status_code == 400
    assert "This page expired" in response.get_data(as_text=True)
    assert "Ana Ferreira" in client.get("/complaint/about-you").get_data(as_text=True)


def test_security_headers_forbid_framing_and_referrers(client: FlaskClient,
                                                      session: Any) -> None:
    response = client.get("/complaint/about-you")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_abandoned_drafts_and_their_unused_files_are_purged(app: Flask, session: Any) -> None:
    store = BlobStore(app.config["BLOB_DIR"])
    draft, _token = drafts.start(session, "public", "pt")
    drafts.add_files(session, draft, [("x.png", PNG + b"purge")], store)
    digest = draft.files[0].sha256
    fresh, _ = drafts.start(session, "public", "pt")
    session.execute(text("UPDATE complaint_drafts SET updated_at = :old WHERE id = :id"),
                    {"old": draft.updated_at - timedelta(days=8), "id": draft.id})
    session.commit()
    assert drafts.purge_stale(session, store) == 1
    assert [d.id for d in session.scalars(select(ComplaintDraft))] == [fresh.id]
    assert not store.path(digest).exists()


# -- staff entry ----------------------------------------------------------------------------------

def test_an_officer_registers_a_complaint_received_by_post(client: FlaskClient, session: Any,
                                                          auth: Any) -> None:
    auth.login_as("officer")
    client.get("/?lang=en")
    response = post(client, "about-you", ABOUT, prefix="/staff/new-complaint")
    assert response.status_code == 422
    assert "Choose how the complaint reached CICDR." in errors(response)
    fill(client, prefix="/staff/new-complaint", about={**ABOUT, "channel": "post"})
    response = submit(client, prefix="/staff/new-complaint")
    assert response.location.endswith("/staff/new-complaint/done")
    reference, _code = receipt(client, prefix="/staff/new-complaint")
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    assert complaint.channel == "post"
    assert complaint.registered_by_id == auth.staff.officer.id
    event = session.scalar(select(AuditEvent).where(AuditEvent.subject_type == "complaint",
                                                    AuditEvent.subject_id == complaint.id))
    assert (event.role, event.actor_id) == ("officer", auth.staff.officer.id)
    page = client.get(f"/staff/complaints/{reference}").get_data(as_text=True)
    assert "Esquadra da Reboleira" in page


@pytest.mark.parametrize("role", ["president", "commissioner", "auditor"])
def test_only_officers_register_complaints(client: FlaskClient, session: Any, auth: Any,
                                           role: str) -> None:
    auth.login_as(role)
    assert client.get("/staff/new-complaint/about-you").status_code == 403


def test_a_public_draft_is_not_the_staff_draft(client: FlaskClient, session: Any,
                                              auth: Any) -> None:
    post(client, "about-you", ABOUT)
    auth.login_as("officer")
    page = client.get("/staff/new-complaint/about-you").get_data(as_text=True)
    assert "Ana Ferreira" not in page


def test_staff_see_the_filed_complaint_with_every_detail_and_file(client: FlaskClient,
                                                                  session: Any,
                                                                  auth: Any) -> None:
    fill(client, about={**ABOUT, "preferred_language": "en"},
         files=[(PNG, "foto.png"), (PDF, "queixa.pdf")])
    submit(client, withhold_identity="y")
    reference, _code = receipt(client)
    auth.login_as("officer")
    page = client.get(f"/staff/complaints/{reference}").get_data(as_text=True)
    for shown in ("received", "Ana Ferreira", "ana@example.org", "Rui Costa", "912 345 678",
                  "PSP", "Esquadra da Reboleira", "agente n.º 1234", "por ser negra",
                  "Amadora, Reboleira", "2026-10-30", FACTS["description"], "foto.png",
                  "queixa.pdf", "yes: mask the complainant", "write to them in English",
                  "Contact by</dt><dd>e-mail"):
        assert shown in page, shown
    attachment = session.scalar(select(Attachment).where(Attachment.filename == "foto.png"))
    download = client.get(f"/staff/files/{attachment.id}")
    assert download.data == PNG
    assert download.headers["Content-Disposition"].startswith("attachment")


def test_fields_a_client_leaves_out_are_not_an_error(client: FlaskClient, session: Any) -> None:
    """A client without JavaScript or a script may omit selects it has no value for."""
    response = post(client, "who-did-it", {"respondents-0-kind": "natural_person"})
    assert response.status_code == 302, errors(response)
    response = post(client, "about-you", {"complainant_type": "victim", "anonymous": "y"})
    assert response.status_code == 302, errors(response)


# -- the police details: open or hidden from the first paint -----------------------------------

def _police_groups(response: Any) -> list[bool]:
    """For each respondent on the page: is its police fieldset sent open?"""
    html = response.get_data(as_text=True)
    return [" hidden" not in tag for tag in re.findall(r'<fieldset class="group police"[^>]*>',
                                                       html)]


def test_the_police_details_are_sent_hidden_until_relevant_and_open_in_error(
        client: FlaskClient, session: Any) -> None:
    for step, data in (("about-you", ABOUT), ("what-happened", FACTS), ("why", WHY)):
        assert post(client, step, data).status_code == 302
    assert _police_groups(client.get("/complaint/who-did-it")) == [False]  # nothing chosen yet
    company = {"respondents-0-kind": "private_legal_person", "respondents-0-name": "Loja X"}
    assert post(client, "who-did-it", company, nav="add-respondent").status_code == 302
    assert _police_groups(client.get("/complaint/who-did-it")) == [False, False]
    police_no_force = {**company, "respondents-1-kind": "security_force"}
    refused = post(client, "who-did-it", police_no_force)  # no JavaScript: the force is missing
    assert refused.status_code == 422 and errors(refused) == ["Escolha a força."]
    assert _police_groups(refused) == [False, True]  # open where it is relevant and in error
    done = post(client, "who-did-it", {**police_no_force, "respondents-1-security_force": "gnr"})
    assert done.status_code == 302
    assert _police_groups(client.get("/complaint/who-did-it")) == [False, True]  # kept open

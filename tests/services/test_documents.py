"""Legal documents: each kind made in a realistic state through the real services, stored under
its hash, attached and audited; refused with the reason when not due; the respondent never
learns a withheld complainant's name."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pypdf
import pytest
from flask import Flask, current_app
from sqlalchemy import select

from cicdr.models import Attachment, AuditEvent, Proceeding
from cicdr.services import audit, documents
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.casework.respondent_texts import write_respondent_texts
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.errors import InvalidData, NotFound, TransitionDenied
from cicdr.services.core.storage import BlobStore
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import submit_complaint
from cicdr.services.intake.uploads import UploadsRejected
from tests import factories
from tests.services.test_legal_paths import decide_fine, open_proceeding, triaged

D = date
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 60
TIMINGS: dict[str, float] = {}


def store() -> BlobStore:
    return BlobStore(current_app.config["BLOB_DIR"])


def text_of(pdf: bytes) -> str:
    """The PDF's text with whitespace runs made single spaces (line breaks fall anywhere)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def make(session: Any, subject: Any, kind: str, actor: Any, **kwargs: Any) -> Attachment:
    started = time.perf_counter()
    made = documents.generate(session, subject, kind, actor, store=store(), **kwargs)
    TIMINGS[kind] = time.perf_counter() - started
    return made


# -- getting each kind's case into the state the document needs ---------------------------------


def in_instruction(session: Any, users: Any, **kwargs: Any) -> Proceeding:
    """In instruction, the accusation's texts written by the instructor."""
    p = open_proceeding(session, users, triaged(session, users, **kwargs))
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    factories.write_accusations(session, p, users.officer)
    return p


def decided(session: Any, users: Any) -> Proceeding:
    p = in_instruction(session, users, respondent_kind="natural_person")
    factories.write_accusations(session, p, users.officer, decision=True)
    fire(session, p, "notify_accusation", users.officer, today=D(2026, 5, 4),
         notified_on="2026-05-04")
    fire(session, p, "record_defence", users.officer, today=D(2026, 5, 12),
         received_on="2026-05-12", summary="Nega os factos.")
    fire(session, p, "close_instruction", users.officer, today=D(2026, 5, 20))
    fire(session, p, "submit_report", users.officer, today=D(2026, 6, 1),
         proposal="Coima de 750 euros.")
    decide_fine(session, users, p)
    return p


def acknowledgement(session: Any, users: Any) -> tuple[Any, dict[str, Any], list[str]]:
    c = factories.complaint(session)
    return c, {}, [c.reference, "Maria Silva", "Aviso de receção", "127.0.0.1:5000/follow"]


def information_request(session: Any, users: Any) -> tuple[Any, dict[str, Any], list[str]]:
    c = triaged(session, users)
    fire(session, c, "request_information", users.officer, today=D(2026, 3, 12),
         question="Indique a morada exata do imóvel e a data da visita.")
    # A later message is not the question: the letter quotes the request itself.
    from cicdr.services.casework.messages import write_to_complainant

    write_to_complainant(session, c, "Recebemos a sua chamada; aguardamos a resposta.",
                         users.officer)
    return c, {}, [c.reference, "Indique a morada exata do imóvel", "10 dias úteis",
                   "26 de março de 2026"]


def non_opening_notice(session: Any, users: Any) -> tuple[Any, dict[str, Any], list[str]]:
    c = triaged(session, users)
    fire(session, c, "propose_non_opening", users.president, today=D(2026, 3, 12),
         reason_code="manifestly_unfounded", reason="Os factos não configuram discriminação.")
    return c, {}, [c.reference, "Os factos não configuram discriminação",
                   "Manifestamente infundada", "10 dias úteis", "artigo 19.º",
                   "26 de março de 2026", "127.0.0.1:5000/follow"]


def accusation(session: Any, users: Any) -> tuple[Any, dict[str, Any], list[str]]:
    p = in_instruction(session, users)
    r = p.respondents[0]
    return p, {"respondent_id": r.id}, [
        p.reference, "Imobiliária Exemplo, Lda.", "alínea c) do n.º 2 do artigo 4.º",
        "2.148,52 €", "10.742,60 €", "10 dias úteis", "artigo 50.º", "Maria Silva",
        "a arguida recusou arrendar uma habitação"]


def decision_notification(session: Any, users: Any) -> tuple[Any, dict[str, Any], list[str]]:
    p = decided(session, users)
    return p, {"respondent_id": p.respondents[0].id}, [
        p.reference, "750,00 €", "impugnação judicial", "20 dias úteis", "definitiva e exequível",
        "72.º-A", "10 dias após a decisão se tornar definitiva", "President",
        "por causa da origem étnica da queixosa", "Que a habitação já estivesse prometida",
        "Mensagens escritas juntas à queixa", "não juntou qualquer prova"]


def referral_letter(session: Any, users: Any) -> tuple[Any, dict[str, Any], list[str]]:
    c = triaged(session, users)
    digest = store().put(PNG)
    session.add(Attachment(complaint_id=c.id, filename="foto.png", content_type="image/png",
                           size=len(PNG), sha256=digest, source="complainant"))
    draft = draft_referral(session, c, body="mp", purpose="prosecutor", actor=users.officer,
                           summary="Insultos em público: possível crime do art. 240.º do CP.")
    fire(session, c, "refer_to_prosecutor", users.president, today=D(2026, 3, 12))
    return draft, {}, [draft.reference, c.reference, "242.º", "245.º", "foto.png", digest,
                       "Insultos em público", "President"]


CASES: dict[str, Callable[[Any, Any], tuple[Any, dict[str, Any], list[str]]]] = {
    "acknowledgement": acknowledgement, "information_request": information_request,
    "non_opening_notice": non_opening_notice, "accusation": accusation,
    "decision_notification": decision_notification, "referral_letter": referral_letter,
}


def test_every_kind_has_a_case_here() -> None:
    assert set(CASES) == set(documents.KINDS)


@pytest.mark.parametrize("kind", list(CASES))
def test_each_document_is_stored_under_its_hash_attached_and_audited(
        session: Any, users: Any, kind: str) -> None:
    subject, kwargs, facts = CASES[kind](session, users)
    made = make(session, subject, kind, users.officer, today=D(2026, 6, 22), **kwargs)
    data = store().get(made.sha256)
    assert data.startswith(b"%PDF-")
    import hashlib
    assert hashlib.sha256(data).hexdigest() == made.sha256 and made.size == len(data)
    assert (made.source, made.document_kind, made.content_type, made.uploaded_by_id) == (
        "generated", kind, "application/pdf", users.officer.id)
    assert getattr(made, f"{subject.WORKFLOW}_id") == subject.id
    assert made.filename.endswith("_2026-06-22.pdf")
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "generate_document"))
    assert (event.subject_type, event.subject_id, event.actor_id) == (
        subject.WORKFLOW, subject.id, users.officer.id)
    assert json.loads(event.data) == {
        "kind": kind, "attachment_id": made.id, "filename": made.filename,
        "sha256": made.sha256, "respondent": kwargs.get("respondent_id")}
    assert audit.verify(session).ok
    text = text_of(data)
    for fact in facts:
        assert fact in text, f"{fact!r} missing from the {kind}"
    assert "22 de junho de 2026" in text  # dated in Portuguese


def test_no_letter_to_the_complainant_carries_the_access_code(session: Any, users: Any) -> None:
    c, code = submit_complaint(session, factories.new_complaint(), ComplainantActor("pending"),
                               store=store(), today=D(2026, 3, 10))
    fire(session, c, "assign", users.officer, today=D(2026, 3, 11), assignee=users.officer.id)
    fire(session, c, "start_triage", users.officer, today=D(2026, 3, 11))
    fire(session, c, "propose_non_opening", users.president, today=D(2026, 3, 12),
         reason_code="outside_grounds", reason="Fora dos fatores protegidos.")
    for kind in ("acknowledgement", "non_opening_notice"):
        text = text_of(store().get(make(session, c, kind, users.officer).sha256))
        assert code and code not in text and code.replace("-", "") not in text
        assert "código de acesso" in text and c.reference in text


def test_the_accusation_never_names_a_complainant_who_asked_for_reserve(
        session: Any, users: Any) -> None:
    # The accusation tells the facts charged, as the instructor wrote them, not the complaint's
    # own words (issue 12 part 9); a name the instructor let slip is masked all the same.
    p = in_instruction(session, users, withhold_identity=True,
                       description="Eu, Maria Silva, fui recusada pela imobiliária; escrevam "
                                   "para maria@example.org.")
    write_respondent_texts(session, p, users.officer, p.respondents[0].id, {
        "facts_charged": "A arguida recusou arrendar a casa a Maria Silva "
                         "(maria@example.org) por ser cigana."})
    made = make(session, p, "accusation", users.officer, respondent_id=p.respondents[0].id)
    text = text_of(store().get(made.sha256))
    assert "identidade reservada a pedido do queixoso" in text
    for secret in ("Maria", "Silva", "maria@example.org"):
        assert secret.lower() not in text.lower()
    assert "A arguida recusou arrendar a casa a [identidade reservada]" in text  # still told
    assert "fui recusada pela imobiliária" not in text  # the complaint's words are not charged
    # Without the request, the complainant is named (never their contacts).
    q = in_instruction(session, users)
    text = text_of(store().get(make(session, q, "accusation", users.officer,
                                    respondent_id=q.respondents[0].id).sha256))
    assert "Maria Silva" in text and "maria@example.org" not in text


def test_a_document_not_due_now_is_refused_with_the_reason_and_nothing_is_kept(
        session: Any, users: Any) -> None:
    c = factories.complaint(session)
    with pytest.raises(TransitionDenied, match="awaits information"):
        make(session, c, "information_request", users.officer)
    with pytest.raises(TransitionDenied, match="non-opening is proposed"):
        make(session, c, "non_opening_notice", users.officer)
    p = in_instruction(session, users)
    with pytest.raises(TransitionDenied, match="decision is not recorded yet"):
        make(session, p, "decision_notification", users.officer,
             respondent_id=p.respondents[0].id)
    with pytest.raises(InvalidData, match="Choose the respondent"):
        make(session, p, "accusation", users.officer, respondent_id=999)
    with pytest.raises(NotFound):
        make(session, p, "acknowledgement", users.officer)  # a complaint's letter
    draft = draft_referral(session, p, body="mp", purpose="prosecutor", actor=users.officer,
                           summary="Possível crime.")
    with pytest.raises(TransitionDenied, match="has not approved"):
        make(session, draft, "referral_letter", users.officer)
    anonymous = factories.complaint(session, complainant=None)
    with pytest.raises(TransitionDenied, match="anonymous"):
        make(session, anonymous, "acknowledgement", users.officer)
    assert session.scalar(select(Attachment).where(Attachment.source == "generated")) is None
    assert session.scalar(select(AuditEvent).where(
        AuditEvent.action == "generate_document")) is None


@pytest.mark.parametrize("role", ["commissioner", "auditor", "admin"])
def test_only_officers_and_the_president_generate_documents(
        session: Any, users: Any, role: str) -> None:
    c = factories.complaint(session)
    with pytest.raises(TransitionDenied, match="Only an officer or the president"):
        make(session, c, "acknowledgement", getattr(users, role))
    option = next(o for o in documents.options(session, c, getattr(users, role))
                  if o.kind.name == "acknowledgement")
    assert not option.available


def test_a_disciplinary_letter_to_igai_is_signed_by_the_president(
        session: Any, users: Any) -> None:
    c = triaged(session, users, police=True)
    draft = draft_referral(session, c, body="igai", purpose="disciplinary",
                           actor=users.officer, summary="Agente da PSP insultou o queixoso.")
    text = text_of(store().get(make(session, draft, "referral_letter", users.officer).sha256))
    assert "Inspeção-Geral da Administração Interna" in text and "President" in text
    assert "disciplinar" in text and "Esquadra da Amadora" in text


def test_the_options_say_what_can_be_made_now_and_list_what_was_made(
        session: Any, users: Any) -> None:
    p = in_instruction(session, users)
    made = make(session, p, "accusation", users.officer, respondent_id=p.respondents[0].id)
    found = {o.kind.name: o for o in documents.options(session, p, users.officer)}
    assert found["accusation"].available and found["accusation"].copies == [made]
    assert [r.id for r in found["accusation"].respondents] == [p.respondents[0].id]
    assert not found["decision_notification"].available
    assert "not recorded yet" in (found["decision_notification"].reason or "")


def test_staff_files_are_checked_like_the_portals_and_audited(
        session: Any, users: Any, app: Flask) -> None:
    p = in_instruction(session, users)
    with pytest.raises(UploadsRejected) as refused:
        documents.add_files(session, p, [("acta.png", PNG), ("acta.pdf", ELF)], users.officer,
                            store=store())
    assert [e.text for e in refused.value.errors] == [
        "“acta.pdf” is not a PDF file: its content is a program. Attach photos, PDF or "
        "office documents, audio or video."]
    assert session.scalar(select(Attachment).where(Attachment.source == "staff")) is None
    with pytest.raises(InvalidData):
        documents.add_files(session, p, [], users.officer, store=store())
    with pytest.raises(TransitionDenied):
        documents.add_files(session, p, [("acta.png", PNG)], users.commissioner, store=store())
    (added,) = documents.add_files(session, p, [("acta da audição.png", PNG)], users.officer,
                                   store=store())
    assert (added.proceeding_id, added.source, added.uploaded_by_id) == (
        p.id, "staff", users.officer.id)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "add_document"))
    assert json.loads(event.data)["sha256"] == [added.sha256]
    assert audit.verify(session).ok


def test_report_generation_times() -> None:
    """Not an assertion on speed: prints what each kind took in this run (pytest -s)."""
    for kind, seconds in sorted(TIMINGS.items()):
        print(f"{kind}: {seconds * 1000:.0f} ms")

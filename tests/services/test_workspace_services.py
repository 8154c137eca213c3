"""The staff workspace's services: classification and corrections audited field by field,
transfer, referral approval and documents, possible duplicates, and My work."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from cicdr.models import Attachment, AuditEvent
from cicdr.services.audit import verify
from cicdr.services.casework import editing
from cicdr.services.casework.duplicates import normalise, possible_duplicates
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.core.legal_tables import current_tables
from cicdr.services.engine.transition import fire
from cicdr.services.queries import my_work
from cicdr.services.queries.cases import complaint_prescription, fine_bounds_text
from tests import factories
from tests.services.test_legal_paths import open_proceeding, triaged

D = date


def last_event(session: Any, action: str) -> AuditEvent:
    return session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                           .order_by(AuditEvent.seq.desc())).first()


def classification(c: Any, **changes: Any) -> editing.Classification:
    values = dict(facts_date=c.facts_date, district=c.district, place=c.place, context=c.context,
                  practice=c.practice, grounds={g.ground: g.expression for g in c.grounds})
    values.update(changes)
    return editing.Classification(**values)


def test_classifying_a_complaint_records_each_changed_field_with_old_and_new_values(
        session: Any, users: Any) -> None:
    c = triaged(session, users)
    new = classification(c, context="commerce", practice="a",
                         grounds={"racial_ethnic_origin": "cigano", "nationality": "romena"})
    changes = editing.classify_complaint(session, c, new, users.officer,
                                         expected_version=c.version)
    assert set(changes) == {"context", "practice", "grounds"}
    event = last_event(session, "classify")
    data = json.loads(event.data)["changes"]
    assert data["context"] == {"old": "housing", "new": "commerce"}
    assert data["practice"] == {"old": "c", "new": "a"}
    assert data["grounds"]["new"] == {"racial_ethnic_origin": "cigano", "nationality": "romena"}
    assert {g.ground for g in c.grounds} == {"racial_ethnic_origin", "nationality"}
    assert event.actor_id == users.officer.id and verify(session).ok


def test_saving_the_same_classification_writes_nothing(session: Any, users: Any) -> None:
    c = triaged(session, users)
    before = session.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()))
    assert editing.classify_complaint(session, c, classification(c), users.officer) == {}
    assert session.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc())) == before


def test_a_stale_classification_form_is_refused_not_silently_applied(session: Any,
                                                                     users: Any) -> None:
    c = triaged(session, users)
    seen = c.version
    editing.classify_complaint(session, c, classification(c, place="Sintra"), users.officer,
                               expected_version=seen)
    with pytest.raises(Conflict, match="changed by someone else"):
        editing.classify_complaint(session, c, classification(c, place="Cascais"),
                                   users.president, expected_version=seen)
    session.refresh(c)
    assert c.place == "Sintra"


def test_bad_classification_data_is_refused_per_field(session: Any, users: Any) -> None:
    c = triaged(session, users)
    with pytest.raises(InvalidData) as refused:
        editing.classify_complaint(
            session, c, classification(c, facts_date=D(2099, 1, 1), context="nowhere",
                                       grounds={}), users.officer, today=D(2026, 3, 12))
    assert set(refused.value.errors) == {"facts_date", "context", "grounds"}
    with pytest.raises(TransitionDenied, match="officer or the president"):
        editing.classify_complaint(session, c, classification(c), users.commissioner)


def test_a_finished_complaint_is_reopened_before_it_is_changed(session: Any,
                                                               users: Any) -> None:
    c = triaged(session, users)
    factories.archive_as_duplicate(session, c, users.officer, today=D(2026, 3, 12))
    with pytest.raises(TransitionDenied, match="reopen it"):
        editing.classify_complaint(session, c, classification(c, place="Sintra"),
                                   users.officer)


def test_naming_the_police_as_respondent_engages_the_police_guard(session: Any,
                                                                  users: Any) -> None:
    c = triaged(session, users)
    assert not c.is_police_related
    editing.save_complaint_respondent(
        session, c, users.officer, {"kind": "security_force", "security_force": "gnr",
                                    "unit": "Posto de Elvas", "name": "ignored"})
    assert c.is_police_related
    police = [p for p in c.respondents if p.kind == "security_force"][0]
    assert police.name is None  # a police respondent is named by force, unit and officer
    event = json.loads(last_event(session, "add_respondent").data)
    assert event["changes"]["unit"] == {"old": None, "new": "Posto de Elvas"}
    with pytest.raises(TransitionDenied, match="disciplinary referral"):
        fire(session, c, "propose_non_opening", users.president, today=D(2026, 3, 12),
             reason_code="manifestly_unfounded", reason="Sem fundamento.")


def test_correcting_a_respondent_keeps_old_and_new_and_refuses_a_foreign_party(
        session: Any, users: Any) -> None:
    c = triaged(session, users)
    party = c.respondents[0]
    editing.save_complaint_respondent(session, c, users.officer,
                                      {"kind": "private_legal_person",
                                       "name": "Imobiliária Exemplo II, Lda."},
                                      party_id=party.id)
    changes = json.loads(last_event(session, "edit_respondent").data)["changes"]
    assert changes == {"name": {"old": "Imobiliária Exemplo, Lda.",
                                "new": "Imobiliária Exemplo II, Lda."}}
    with pytest.raises(InvalidData, match="Not a respondent"):
        editing.save_complaint_respondent(session, c, users.officer,
                                          {"kind": "natural_person", "name": "X"},
                                          party_id=c.complainant.id)
    with pytest.raises(InvalidData) as refused:
        editing.save_complaint_respondent(session, c, users.officer, {"kind": "natural_person"})
    assert "name" in refused.value.errors


def test_recording_negligence_halves_the_bounds_and_is_frozen_after_the_decision(
        session: Any, users: Any) -> None:
    c = triaged(session, users, respondent_kind="natural_person")
    p = open_proceeding(session, users, c)
    r = p.respondents[0]
    assert "EUR 537.13 and EUR 5,371.30" in fine_bounds_text(p, r)
    editing.update_proceeding_respondent(session, p, users.officer, r.id, name=r.name,
                                         kind=r.kind, negligent=True)
    assert "EUR 268.57 and EUR 2,685.65" in fine_bounds_text(p, r)
    assert "halved" in fine_bounds_text(p, r)
    changes = json.loads(last_event(session, "edit_respondent").data)["changes"]
    assert changes == {"negligent": {"old": False, "new": True}}
    p.state = "decided"  # as after `decide` (tested elsewhere); here only the freeze matters
    session.commit()
    with pytest.raises(TransitionDenied, match="has decided"):
        editing.update_proceeding_respondent(session, p, users.officer, r.id, name="Other",
                                             kind=r.kind, negligent=True)


def test_the_president_transfers_a_proceeding_to_another_instructor(session: Any,
                                                                    users: Any) -> None:
    c = triaged(session, users)
    p = open_proceeding(session, users, c)
    fire(session, p, "transfer", users.president, today=D(2026, 3, 20),
         instructor=users.officer2.id, reason="Férias prolongadas.")
    assert p.instructor_id == users.officer2.id and p.state == "opened"
    data = json.loads(last_event(session, "transfer").data)
    assert data["changes"]["instructor_id"] == {"old": users.officer.id,
                                                "new": users.officer2.id}
    with pytest.raises(InvalidData, match="already instructs"):
        fire(session, p, "transfer", users.president, today=D(2026, 3, 21),
             instructor=users.officer2.id, reason="Again.")
    with pytest.raises(InvalidData, match="active officer"):
        fire(session, p, "transfer", users.president, today=D(2026, 3, 21),
             instructor=users.commissioner.id, reason="Wrong role.")


def test_reassigning_a_complaint_records_who_had_it(session: Any, users: Any) -> None:
    c = triaged(session, users)
    fire(session, c, "assign", users.officer, today=D(2026, 3, 12), assignee=users.officer2.id)
    data = json.loads(last_event(session, "assign").data)
    assert data["changes"]["assignee_id"] == {"old": users.officer.id,
                                              "new": users.officer2.id}


def test_an_igai_referral_is_approved_then_sent_with_the_chosen_documents(
        session: Any, users: Any, app: Any) -> None:
    from cicdr.services.intake.registration import UploadedFile

    c = factories.complaint(session, police=True,
                            files=[UploadedFile("video.png", "image/png", b"\x89PNG frames")])
    referral = draft_referral(session, c, body="igai", purpose="disciplinary",
                              actor=users.officer, summary="Conduta de agente da PSP.")
    with pytest.raises(TransitionDenied, match="president must approve"):
        fire(session, referral, "send", users.officer, today=D(2026, 3, 12),
             sent_on="2026-03-12", channel="email")
    fire(session, referral, "approve", users.president, today=D(2026, 3, 12))
    assert referral.approved_by_id == users.president.id
    photo = session.scalars(select(Attachment)).one()
    with pytest.raises(InvalidData, match="documents of this case"):
        fire(session, referral, "send", users.officer, today=D(2026, 3, 13),
             sent_on="2026-03-13", channel="email", documents=["999999"])
    fire(session, referral, "send", users.officer, today=D(2026, 3, 13), sent_on="2026-03-13",
         channel="email", documents=[str(photo.id)])
    assert [a.id for a in referral.documents] == [photo.id]
    sent = json.loads(last_event(session, "send").data)
    assert sent["files"] == [{"id": photo.id, "filename": "video.png", "sha256": photo.sha256}]
    assert verify(session).ok


def test_possible_duplicates_share_respondent_day_and_place(session: Any, users: Any) -> None:
    first = factories.complaint(session, police=True)
    same = factories.complaint(session, police=True, place="Amadora, estação")
    other_day = factories.complaint(session, police=True, facts=D(2026, 3, 3))
    other_force = factories.complaint(session, police=True, district="porto")
    landlord = factories.complaint(session)
    landlord_again = factories.complaint(session, respondents=[
        factories.PartyData(role="respondent", kind="private_legal_person",
                            name="IMOBILIARIA EXEMPLO LDA")])
    assert possible_duplicates(session, first) == [same]
    assert possible_duplicates(session, landlord) == [landlord_again]
    assert other_day not in possible_duplicates(session, same)
    assert other_force not in possible_duplicates(session, same)
    assert normalise("Imobiliária Exemplo, Lda.") == "imobiliaria exemplo"


def test_my_work_gathers_an_officers_cases_deadlines_and_the_queue(
        session: Any, users: Any) -> None:
    mine = triaged(session, users, facts=D(2023, 6, 1), respondent_kind="natural_person")
    fire(session, mine, "request_information", users.officer, today=D(2026, 3, 12),
         question="Quando?")
    theirs = factories.complaint(session)
    fire(session, theirs, "assign", users.officer2, today=D(2026, 3, 11),
         assignee=users.officer2.id)
    waiting = factories.complaint(session)
    today = D(2026, 3, 30)
    work = my_work.build(session, users.officer, today)
    assert [r.subject for r in work["assigned"].rows] == [mine]
    assert [r.subject for r in work["waiting"].rows] == [mine]
    assert [(r.subject, r.deadline.kind) for r in work["overdue"].rows] == [
        (mine, "complainant_information")]
    assert work["due_soon"].rows == []
    # Prescription is no longer on My work (it is not stored: computing it meant a Python loop
    # over the caseload); the complaint page shows it: facts 2023-06-01, natural person.
    assert complaint_prescription(mine, current_tables(session)) == D(2026, 6, 1)
    assert [r.subject for r in work["unassigned"].rows] == [waiting]
    assert work["unassigned"].total == 1
    other = my_work.build(session, users.officer2, today)
    assert [r.subject for r in other["assigned"].rows] == [theirs]
    assert other["overdue"].total == other["due_soon"].total == 0


def _waiting(session: Any, user: Any, today: date) -> list[tuple[Any, tuple[str, ...]]]:
    return [(r.subject, r.actions) for r in my_work.build(session, user, today)["waiting"].rows]


def test_my_work_shows_the_president_approvals_and_the_commission_its_decisions(
        session: Any, users: Any) -> None:
    c = triaged(session, users, police=True)
    igai = draft_referral(session, c, body="igai", purpose="disciplinary", actor=users.officer,
                          summary="Conduta policial.")
    draft_referral(session, c, body="mp", purpose="prosecutor", actor=users.officer,
                   summary="Injúria agravada?")
    todo = dict(_waiting(session, users.president, D(2026, 3, 12)))
    assert "Approve referral to the prosecutor" in todo[c]
    assert todo[igai] == ("Approve",)  # the referral to IGAI
    fire(session, igai, "approve", users.president, today=D(2026, 3, 12))
    todo = dict(_waiting(session, users.president, D(2026, 3, 12)))
    assert igai not in todo

    c2 = triaged(session, users, respondent_kind="natural_person")
    p = open_proceeding(session, users, c2)
    for trig, data in [("start_instruction", {}),
                       ("close_instruction", {"reason": "Sem prova."}),  # issue 12: why
                       ("submit_report", {"proposal": "Arquivamento."})]:
        fire(session, p, trig, users.officer, today=D(2026, 3, 20), **data)
    assert [s for s, _ in _waiting(session, users.commissioner, D(2026, 3, 21))] == [p]
    assert p not in [s for s, _ in _waiting(session, users.officer, D(2026, 3, 21))]


def test_amounts_in_bounds_text_use_thousands_separators(session: Any, users: Any) -> None:
    c = triaged(session, users)  # a company: 4 to 20 IAS
    p = open_proceeding(session, users, c)
    assert "EUR 2,148.52 and EUR 10,742.60" in fine_bounds_text(p, p.respondents[0])
    assert Decimal("537.13") * 20 == Decimal("10742.60")


def test_an_answer_recorded_as_evidence_ends_the_term_of_the_request_it_answers(
        session: Any, users: Any) -> None:
    from cicdr.services.queries.cases import pending_requests

    c = triaged(session, users)
    p = open_proceeding(session, users, c)
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    fire(session, p, "request_entity_information", users.officer, today=D(2026, 3, 16),
         entity="Câmara Municipal da Amadora", request="Contrato de arrendamento.")
    fire(session, p, "request_inspection", users.officer, today=D(2026, 3, 16),
         entity="ASAE", request="Inspeção ao estabelecimento.")
    choices = pending_requests(session, p)
    assert [label.split(",")[0] for _, label in choices] == [
        "information from Câmara Municipal da Amadora", "inspection by ASAE"]
    request_id = int(choices[0][0])
    fire(session, p, "record_evidence", users.officer, today=D(2026, 3, 25), on="2026-03-24",
         summary="A Câmara enviou o contrato.", answers=str(request_id))
    answered = next(d for d in p.deadlines if d.id == request_id)
    assert (answered.ended_on, answered.ended_by) == (D(2026, 3, 24), "record_evidence")
    assert [label.split(",")[0] for _, label in pending_requests(session, p)] == [
        "inspection by ASAE"]
    with pytest.raises(InvalidData, match="pending request"):
        fire(session, p, "record_evidence", users.officer, today=D(2026, 3, 26),
             on="2026-03-26", summary="Again.", answers=str(request_id))
    fire(session, p, "record_evidence", users.officer, today=D(2026, 3, 26), on="2026-03-26",
         summary="Audição de testemunha.")  # evidence that answers no request

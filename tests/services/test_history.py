"""The case history in words: a sentence for every action the system records."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from cicdr.models import AuditEvent
from cicdr.services.admin.accounts import update_user
from cicdr.services.audit import access
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.engine.transition import fire
from cicdr.services.queries import history, sentences
from cicdr.services.queries.cases import timeline, user_names
from tests import factories
from workflows import workflows
from workflows.spec import Field

ROOT = Path(__file__).resolve().parents[2]
NAMES = {7: "Ana Costa", 8: "João Santos"}
SAMPLES: dict[str, Any] = {
    "text": "As the form said", "date": "2026-03-12", "amount": "750.00", "user": 8,
    "reference": "PCO-2026-0001", "documents": [3, 4], "deadline": 12, "respondent": "5",
    "decisions": {"5": {"outcome": "fine", "amount": "750.00", "accessories": []}},
}


def event(action: str, subject_type: str = "complaint", role: str = "officer",
          actor_id: int | None = 7, data: dict[str, Any] | None = None,
          from_state: str | None = None, to_state: str | None = None,
          subject_ref: str = "QN-2026-00001") -> AuditEvent:
    """An event as the audit log stores it (data as canonical JSON), never saved."""
    return AuditEvent(seq=1, subject_type=subject_type, subject_id=1, subject_ref=subject_ref,
                      actor_id=actor_id, actor_label="ana@cicdr.pt", role=role, action=action,
                      from_state=from_state, to_state=to_state,
                      data=json.dumps(data or {}), created_at=datetime.now(UTC),
                      prev_hash="0" * 64, hash="0" * 64)


def sample(field: Field) -> Any:
    return field.choices[0] if field.kind == "choice" else SAMPLES[field.kind]


def recorded_actions() -> set[str]:
    """Every action name written as a literal next to `action` in cicdr/ (`action="submit"`,
    `action, data = "open", ...`), and every access action the access service defines."""
    found: set[str] = set()
    pattern = re.compile(r"\baction\s*(?:,\s*\w+\s*)?=\s*\"([\w.]+)\"")
    for path in (ROOT / "cicdr").rglob("*.py"):
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    found |= {v for v in vars(access).values()
              if isinstance(v, str) and v.startswith(access.PREFIX) and v != access.PREFIX}
    return found


TRIGGERS = [(name, t) for name, wf in workflows().items() for t in wf.triggers.values()]


@pytest.mark.parametrize(("workflow", "spec"), TRIGGERS,
                         ids=[f"{w}.{t.name}" for w, t in TRIGGERS])
def test_every_trigger_of_every_workflow_has_a_sentence(workflow: str, spec: Any) -> None:
    data = {f.name: sample(f) for f in spec.fields}
    role = sorted(spec.roles)[0]
    described = history.describe(event(spec.name, workflow, role=role, data=data), NAMES)
    assert described.known, spec.name
    sentence = described.sentence
    assert sentence.endswith(".") and sentence[0].isupper()
    assert "_" not in sentence and "{" not in sentence, sentence  # no raw ids leak
    assert "—" not in sentence, sentence  # every value the sentence names was found
    labels = {label for label, _value in described.details}
    assert all(f.label in labels for f in spec.fields if f.kind != "decisions"), labels


def test_every_other_recorded_action_has_a_sentence() -> None:
    triggers = {t.name for wf in workflows().values() for t in wf.triggers.values()}
    others = recorded_actions() - triggers
    assert {"submit", "draft", "open", "join_complaint", "message", "add_evidence",
            "anonymise", "create_user", "update_user", "reset_password",
            "access.view", "access.download", "access.search", "access.export"} <= others
    with_words = {a for table in sentences.BY_SUBJECT.values() for a in table}
    with_words |= {access.PREFIX + a for a in sentences.ACCESS}
    with_words |= set(sentences.ANY)
    assert others - with_words == set(), "actions recorded without words in queries/sentences.py"


def test_documents_are_described_on_every_kind_of_case() -> None:
    for subject_type in ("complaint", "proceeding", "referral"):
        made = history.describe(event("generate_document", subject_type,
                                      data={"kind": "decision_notification",
                                            "filename": "PCO-2026-0001-decisao.pdf"}), NAMES)
        assert made.known and "decision notification" in made.sentence
        added = history.describe(event("add_document", subject_type,
                                       data={"files": ["ata.pdf", "carta.pdf"]}), NAMES)
        assert added.known and "added 2 documents" in added.sentence


def test_an_action_without_words_falls_back_to_its_label_or_its_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sentences.COMPLAINT, "start_triage")
    labelled = history.describe(event("start_triage"), NAMES)
    assert (labelled.sentence, labelled.known) == ("Ana Costa (officer): Start triage.", False)
    edit = history.describe(event("edit_parties", data={"changes": {
        "respondent_name": {"old": "Imobiliária X", "new": "Imobiliária Exemplo, Lda."}}}),
        NAMES)
    assert edit.sentence == "Ana Costa (officer): edit parties (changed respondent name)."
    assert edit.changes == (history.Change("respondent name", "Imobiliária X",
                                           "Imobiliária Exemplo, Lda."),)


def test_field_level_changes_read_as_old_and_new_values() -> None:
    edit = history.describe(event("edit_complaint", data={"changes": {
        "description": {"old": "Recusaram.", "new": "Recusaram arrendar."},
        "assignee": {"old": 7, "new": 8},
        "context": {"old": "housing", "new": "security_forces"},
        "anonymous": {"old": False, "new": True},
        "place": {"old": None, "new": "Amadora"}}}), NAMES)
    assert [(c.field, c.old, c.new) for c in edit.changes] == [
        ("description", "Recusaram.", "Recusaram arrendar."),
        ("assignee", "Ana Costa", "João Santos"),
        ("context", "housing", "security forces"),
        ("anonymous", "no", "yes"),
        ("place", "—", "Amadora")]
    assert edit.details == ()  # the changes are not repeated as data


def test_an_accounts_role_change_reads_as_a_table(session: Any, users: Any) -> None:
    # A new role waits for a second approval (four eyes); deactivation and the 2FA
    # requirement apply at once, and are the two changes this table shows.
    update_user(session, users.officer2, users.admin, active=False, require_2fa=True)
    changed = session.scalars(select(AuditEvent).where(AuditEvent.action == "update_user")).one()
    described = history.describe(changed, user_names(session))
    assert described.sentence == f"Admin (admin) changed the account {users.officer2.email}."
    # The fields by name, not as codes in words (issue 15: `require 2fa` was one).
    assert [(c.field, c.old, c.new) for c in described.changes] == [  # stored sorted by field
        ("active", "yes", "no"), ("two-factor sign-in required", "no", "yes")]


def test_a_complaints_history_reads_as_sentences(session: Any, users: Any) -> None:
    c = factories.complaint(session)
    fire(session, c, "assign", users.officer, today=date(2026, 3, 11),
         assignee=users.officer2.id)
    fire(session, c, "start_triage", users.officer2, today=date(2026, 3, 11))
    fire(session, c, "request_information", users.officer2, today=date(2026, 3, 11),
         question="Tem testemunhas?")
    fire(session, c, "information_received", ComplainantActor(c.reference),
         today=date(2026, 3, 13), answer="Sim, duas.")
    fire(session, c, "forward", users.officer2, today=date(2026, 3, 16), body="act",
         reason="Competência da ACT.")
    referral = c.referrals[0]
    fire(session, referral, "send", users.officer2, today=date(2026, 3, 16),
         sent_on="2026-03-16", channel="email")
    fire(session, referral, "answer", users.officer2, today=date(2026, 4, 2),
         outcome="handled", answered_on="2026-04-01", answer="Tratado.")
    fire(session, referral, "close", users.officer2, today=date(2026, 4, 2))
    described = [history.describe(e, user_names(session)) for e in timeline(session, c)]
    assert all(d.known for d in described)
    sentences = [d.sentence for d in described]
    ref = referral.reference
    assert sentences == [
        "The complainant filed the complaint online.",
        "Officer (officer) assigned the complaint to Officer2.",
        "Officer2 (officer) started triage.",
        "Officer2 (officer) asked the complainant for information.",
        "The complainant answered the request for information.",
        f"Officer2 (officer) drafted referral {ref} to ACT (the labour inspectorate) "
        "(outside CICDR's competence).",
        "Officer2 (officer) forwarded the complaint to ACT (the labour inspectorate).",
        f"Officer2 (officer) sent referral {ref} on 2026-03-16 by e-mail.",
        f"Officer2 (officer) recorded the answer to referral {ref}: handled.",
        # the cascade is written while the referral closes, before the referral's own event
        "The system closed the complaint (the referral to the competent body closed).",
        f"Officer2 (officer) closed referral {ref}.",
    ]
    assert described[0].state_change == "new: received"
    assert described[2].state_change == "received → triage"
    assert described[1].state_change is None  # assigning keeps the state
    assert described[3].deadlines == (
        "10 working days for the complainant's answer, due 2026-03-25",)
    assert ("Question to the complainant", "Tem testemunhas?") in described[3].details
    assert ("Competent body", "ACT (the labour inspectorate)") in described[6].details


def test_a_proceedings_decision_and_deadlines_read_as_words() -> None:
    decided = history.describe(event("decide", "proceeding", role="commissioner", data={
        "decided_on": "2026-06-19", "decisions": {"3": {
            "outcome": "fine", "amount": "750.00",
            "accessories": [{"kind": "public_tenders_ban", "months": 12}]}}},
        from_state="awaiting_decision", to_state="decided"), NAMES)
    assert decided.sentence == "Ana Costa (commissioner) recorded the Commission's decision " \
                               "of 2026-06-19."
    assert ("Decision for respondent #3",
            "fine of EUR 750.00, with public tenders ban (12 months)") in decided.details
    notified = history.describe(event("notify_decision", "proceeding", data={
        "notified_on": "2026-06-22", "deadlines": [
            {"kind": "appeal", "start": "2026-06-22", "due": "2026-07-20"}]}), NAMES)
    assert notified.deadlines == ("20 working days for an appeal, due 2026-07-20",)
    published = history.describe(event("become_final", "proceeding", role="system",
                                       actor_id=None, data={"deadlines": [
                                           {"kind": "publication", "start": "2026-07-21",
                                            "due": "2031-07-21"}]}), NAMES)
    assert published.sentence.startswith("The system recorded that the decision became final")
    assert published.deadlines == ("5 years for publishing the decision, due 2031-07-21",)
    # Issue 12: a per-respondent event names its respondent.
    final = history.describe(event("become_final", "proceeding", role="system", actor_id=None,
                                   data={"respondent": "3", "respondent_name": "Bar Azul, Lda.",
                                         "final_on": "2026-07-21"}), NAMES)
    assert final.sentence == ("The system recorded that the decision about respondent Bar Azul, "
                              "Lda. became final on 2026-07-21 (the appeal window lapsed).")
    accused = history.describe(event("notify_accusation", "proceeding", data={
        "respondent": "3", "respondent_name": "Bar Azul, Lda.", "notified_on": "2026-05-04"}),
        NAMES)
    assert accused.sentence.endswith("recorded that the accusation was notified to respondent "
                                     "Bar Azul, Lda. on 2026-05-04.")
    both = history.describe(event("decide", "proceeding", role="commissioner", data={
        "decided_on": "2026-06-19", "decisions": {}, "respondent_names": {
            "3": "Bar Azul, Lda.", "4": "Rui Lopes"}}), NAMES)
    assert both.sentence.endswith("decision of 2026-06-19 about Bar Azul, Lda. and Rui Lopes.")


def test_opening_a_proceeding_reads_as_a_new_one_or_a_joined_one() -> None:
    new = history.describe(event("open_proceeding", role="president",
                                 data={"instructor": 8, "proceeding": None}), NAMES)
    assert new.sentence == "Ana Costa (president) opened a proceeding, with João Santos as " \
                           "instructor."
    assert new.details == (("Instructor of a new proceeding", "João Santos"),)
    joined = history.describe(event("open_proceeding", role="president",
                                    data={"instructor": None, "proceeding": "PCO-2026-0001"}),
                              NAMES)
    assert joined.sentence == "Ana Costa (president) joined the complaint to proceeding " \
                              "PCO-2026-0001."


def test_reads_and_complainant_actions_read_as_sentences() -> None:
    def said(action: str, subject_type: str = "complaint", **kw: Any) -> str:
        return history.describe(event(action, subject_type, **kw), NAMES).sentence

    assert said("add_evidence", role="complainant", actor_id=None,
                data={"files": ["a.jpg", "b.pdf"], "attachments": [1, 2]}) \
        == "The complainant sent 2 files."
    assert said("access.download", data={"filename": "foto.jpg", "endpoint": "/staff/files/1"}) \
        == "Ana Costa (officer) downloaded the file foto.jpg."
    assert said("access.search", subject_type="system", data={"q": "Amadora"}) \
        == "Ana Costa (officer) searched the cases for “Amadora”."
    assert said("access.view", role="auditor",
                data={"endpoint": "/staff/audit/cases/complaints/QN-2026-00001"}) \
        == "Ana Costa (auditor) read the case's audit history."
    assert said("open", "proceeding", role="president", subject_ref="PCO-2026-0001",
                data={"complaint": "QN-2026-00001", "instructor": "8"}) \
        == "Ana Costa (president) opened the proceeding for complaint QN-2026-00001, with " \
           "João Santos as instructor."


def test_a_reassignment_names_both_officers() -> None:
    moved = history.describe(event("assign", data={"assignee": 8, "changes": {
        "assignee_id": {"old": 7, "new": 8}}}), NAMES)
    assert [(c.field, c.old, c.new) for c in moved.changes] == [
        ("assignee", NAMES[7], NAMES[8])]

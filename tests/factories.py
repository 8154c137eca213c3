"""Factories for users, complaints and proceedings, going through the real services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app

from cicdr.models import Complaint, User
from cicdr.services.admin.accounts import create_user
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.intake.registration import NewComplaint, PartyData, submit_complaint

PASSWORD = "correct horse battery"


@dataclass
class Staff:
    officer: User
    officer2: User
    president: User
    commissioner: User
    commissioner2: User
    auditor: User
    admin: User


def staff(session: Any, language: str = "en") -> Staff:
    """One account per role. They read the staff pages in English (`language`), so the tests
    can say what they expect in the words of the code; Portuguese, the default for real
    accounts, is tested in `tests/web/test_staff_portuguese.py`."""
    def make(key: str, role: str) -> User:
        user = create_user(session, email=f"{key}@test.cicdr.pt", name=key.title(), role=role,
                           password=PASSWORD, fast=True)
        user.language = language
        session.commit()
        return user

    return Staff(officer=make("officer", "officer"), officer2=make("officer2", "officer"),
                 president=make("president", "president"),
                 commissioner=make("commissioner", "commissioner"),
                 commissioner2=make("commissioner2", "commissioner"),
                 auditor=make("auditor", "auditor"), admin=make("admin", "admin"))


def new_complaint(*, police: bool = False, facts: date = date(2026, 3, 2),
                  respondent_kind: str = "private_legal_person", **overrides: Any) -> NewComplaint:
    respondent = (PartyData(role="respondent", kind="security_force", security_force="psp",
                            unit="Esquadra da Amadora", officer_identification="agente 1234")
                  if police else PartyData(role="respondent", kind=respondent_kind,
                                           name="Imobiliária Exemplo, Lda."))
    values: dict[str, Any] = dict(
        origin="queixa", facts_date=facts, district="lisboa", context="housing",
        description="Recusaram arrendar-me a casa quando souberam que sou cigano.",
        grounds=[("racial_ethnic_origin", "cigano")], respondents=[respondent],
        complainant=PartyData(role="complainant", name="Maria Silva",
                              email="maria@example.org"),
        practice="c", place="Amadora",
    )
    if police:
        values.update(context="security_forces", practice="i",
                      description="Fui insultado por um agente da PSP por ser negro.")
    values.update(overrides)
    return NewComplaint(**values)


def complaint(session: Any, *, today: date = date(2026, 3, 10), **kwargs: Any) -> Complaint:
    store = BlobStore(current_app.config["BLOB_DIR"])
    created, _code = submit_complaint(session, new_complaint(**kwargs),
                                      ComplainantActor("pending"), store=store, today=today)
    return created


def archive_as_duplicate(session: Any, c: Complaint, actor: Any, *,
                         today: date = date(2026, 3, 12), **data: Any) -> Complaint:
    """Archive `c` the one way an officer may (Lei 93/2017 art. 19): as a duplicate, joined to
    another complaint made here first; returns that other complaint."""
    from cicdr.services.engine.transition import fire

    original = complaint(session, today=min(today, date(2026, 3, 10)))
    fire(session, c, "archive", actor, today=today, reason_code="duplicate",
         duplicate_of=original.reference, **data)
    return original


def send_disciplinary_referral(session: Any, c: Complaint, users: Staff, *,
                               today: date = date(2026, 3, 12), body: str = "igai") -> Any:
    """A disciplinary referral to `body` drafted by an officer, approved by the president when
    the body needs it (IGAI does, by default), and sent: what the police guard waits for."""
    from cicdr.services.casework.referrals import draft_referral
    from cicdr.services.core.legal_tables import current_tables
    from cicdr.services.engine.transition import fire

    referral = draft_referral(session, c, body=body, purpose="disciplinary",
                              actor=users.officer, summary="Conduta policial.", today=today)
    if current_tables(session).needs_approval(body):
        fire(session, referral, "approve", users.president, today=today)
    fire(session, referral, "send", users.officer, today=today, sent_on=today.isoformat(),
         channel="email")
    return referral


# The instructor's texts of an accusation and a decision (services/casework/respondent_texts),
# as an officer writes them on the proceeding page before notifying.
ACCUSATION_TEXTS = {
    "facts_charged": "Em 2 de março de 2026, na Amadora, a arguida recusou arrendar uma "
                     "habitação à queixosa depois de saber que esta é de etnia cigana.",
    "norms": "alínea c) do n.º 2 do artigo 4.º e n.º 2 do artigo 16.º da Lei n.º 93/2017, "
             "de 23 de agosto.",
}
DECISION_TEXTS = {
    "facts_proven": "A arguida recusou o arrendamento por causa da origem étnica da queixosa.",
    "facts_not_proven": "Que a habitação já estivesse prometida a terceiro.",
    "evidence": "Mensagens escritas juntas à queixa; depoimento da testemunha indicada.",
    "reasons": "A defesa não juntou qualquer prova do alegado compromisso com terceiro.",
}


def write_accusations(session: Any, p: Any, actor: Any, *, decision: bool = False) -> None:
    """Write the accusation's texts (and, with `decision`, the decision's) for every
    respondent of `p`, through the audited edit."""
    from cicdr.services.casework.respondent_texts import write_respondent_texts

    for r in list(p.respondents):
        write_respondent_texts(session, p, actor, r.id,
                               {**ACCUSATION_TEXTS, **(DECISION_TEXTS if decision else {})})

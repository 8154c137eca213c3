"""Police complaints (domain.md 3.1): the guard waits for a disciplinary referral *sent* to the
oversight body of each force named (from the legal tables), or the president's recorded reason;
an identified officer is a natural person with a natural person's fine bounds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from cicdr.models import Complaint
from cicdr.services.casework import editing
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.errors import InvalidData, TransitionDenied
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import PartyData
from cicdr.services.queries.cases import fine_bounds_text
from tests import factories
from tests.decisions import decided
from workflows.sanctions import ProposedDecision

D = date
PSP = PartyData(role="respondent", kind="security_force", security_force="psp",
                unit="Esquadra da Amadora")
OFFICER = PartyData(role="respondent", kind="security_officer", security_force="psp",
                    unit="Esquadra da Amadora", name="Agente Rui Matos",
                    officer_identification="148233")


def police_complaint(session: Any, users: Any, *respondents: PartyData) -> Complaint:
    c = factories.complaint(session, police=True, respondents=list(respondents or [PSP]))
    fire(session, c, "start_triage", users.officer, today=D(2026, 3, 11))
    return c


def open_it(session: Any, users: Any, c: Complaint) -> None:
    fire(session, c, "open_proceeding", users.president, today=D(2026, 3, 13),
         instructor=users.officer.id)


def test_a_draft_referral_does_not_satisfy_the_police_guard(session: Any, users: Any) -> None:
    c = police_complaint(session, users)
    draft_referral(session, c, body="igai", purpose="disciplinary", actor=users.officer,
                   summary="Conduta policial.", today=D(2026, 3, 12))
    with pytest.raises(TransitionDenied, match=r"to IGAI \(oversight of PSP\) has been sent"):
        open_it(session, users, c)
    assert c.state == "triage"


def test_a_referral_sent_to_another_body_does_not_satisfy_it(session: Any,
                                                             users: Any) -> None:
    c = police_complaint(session, users)
    factories.send_disciplinary_referral(session, c, users, body="igsj")  # PJ's body, not PSP's
    with pytest.raises(TransitionDenied, match="IGAI"):
        open_it(session, users, c)
    assert c.state == "triage"


def test_a_referral_sent_to_the_forces_body_satisfies_it(session: Any, users: Any) -> None:
    c = police_complaint(session, users)
    factories.send_disciplinary_referral(session, c, users, body="igai")  # PSP -> IGAI
    open_it(session, users, c)
    assert c.state == "proceeding_opened"


def test_each_force_named_needs_its_own_bodys_referral(session: Any, users: Any) -> None:
    pj = PartyData(role="respondent", kind="security_force", security_force="pj",
                   unit="Diretoria de Lisboa")
    c = police_complaint(session, users, PSP, pj)
    factories.send_disciplinary_referral(session, c, users, body="igai")
    with pytest.raises(TransitionDenied, match=r"IGSJ \(oversight of Polícia Judiciária\)"):
        open_it(session, users, c)
    factories.send_disciplinary_referral(session, c, users, body="igsj")
    open_it(session, users, c)
    assert c.state == "proceeding_opened"


def test_the_presidents_recorded_reason_satisfies_it(session: Any, users: Any) -> None:
    c = police_complaint(session, users)
    fire(session, c, "record_no_disciplinary_referral", users.president, today=D(2026, 3, 12),
         reason="A IGAI já abriu processo sobre os mesmos factos (ofício de 2026-03-05).")
    open_it(session, users, c)
    assert c.state == "proceeding_opened"


def test_an_identified_officer_alone_engages_the_guard(session: Any, users: Any) -> None:
    c = police_complaint(session, users, OFFICER)
    assert c.is_police_related and c.police_forces == frozenset({"psp"})
    with pytest.raises(TransitionDenied, match="IGAI"):
        open_it(session, users, c)


def test_an_identified_officer_gets_natural_person_bounds(session: Any, users: Any) -> None:
    c = police_complaint(session, users, PSP, OFFICER)
    factories.send_disciplinary_referral(session, c, users)
    open_it(session, users, c)
    force, officer = c.proceeding.respondents
    assert (force.person, officer.person) == ("legal", "natural")
    # IAS 2026 = EUR 537.13 (workflows/defaults.py). Natural person 1-10 x IAS:
    # 537.13 x 1 = 537.13 and 537.13 x 10 = 5,371.30. Legal person 4-20 x IAS:
    # 537.13 x 4 = 2,148.52 and 537.13 x 20 = 10,742.60.
    assert fine_bounds_text(c.proceeding, officer) == (
        "Fine between EUR 537.13 and EUR 5,371.30 (natural person, IAS 2026).")
    assert fine_bounds_text(c.proceeding, force) == (
        "Fine between EUR 2,148.52 and EUR 10,742.60 (legal person, IAS 2026).")
    assert officer.name == "Agente Rui Matos · 148233 · PSP · Esquadra da Amadora"


def test_an_officers_fine_above_the_natural_person_maximum_is_refused(session: Any,
                                                                       users: Any) -> None:
    # 10 x IAS 2026 = 10 x 537.13 = 5,371.30 is the most for a natural person; a cent more is
    # refused, while the force (a legal person) may get up to 20 x 537.13 = 10,742.60.
    with pytest.raises(InvalidData, match="5,371.30"):
        decided(session, users, D(2026, 3, 10), [PSP, OFFICER],
                [ProposedDecision("fine", Decimal("10742.60")),
                 ProposedDecision("fine", Decimal("5371.31"))], police=True)


def test_staff_name_an_identified_officer_with_force_unit_and_badge(session: Any,
                                                                     users: Any) -> None:
    c = police_complaint(session, users)
    with pytest.raises(InvalidData, match="name or badge number"):
        editing.save_complaint_respondent(session, c, users.officer, {
            "kind": "security_officer", "security_force": "psp"})
    editing.save_complaint_respondent(session, c, users.officer, {
        "kind": "security_officer", "security_force": "gnr", "unit": "Posto de Elvas",
        "officer_identification": "2104455"})
    added = c.respondents[-1]
    assert (added.kind, added.person, added.security_force, added.officer_identification) == (
        "security_officer", "natural", "gnr", "2104455")
    assert c.police_forces == frozenset({"psp", "gnr"})

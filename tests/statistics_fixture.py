"""A small year of cases whose statistics were counted by hand (issue 13's tests).

The rows are written directly (the statistics read columns, whatever set them); each number
the tests expect is worked out below, from these rows, never from what the code printed.

Complaints (C0 and C6 fall outside 2025; received_at in UTC), as received / origin, channel /
district, context, practice / grounds, expression / victim / respondents / triage outcome:

- C0: 2024-12-31 23:59:59 / queixa, online / braga, sport, - / nationality, - / - / - /
  archived 2025-01-05 (no_information)
- C1: 2025-01-01 00:00:00 / queixa, online / lisboa, internet_social_media, j /
  racial_ethnic_origin and colour, roma / individual, female / natural_person /
  archived 2025-01-11 (manifestly_unfounded)
- C2: 2025-03-10 12:00 / queixa, email / porto, commerce, a / nationality,
  brazilian_nationality / individual, male / private_legal_person / forwarded 2025-03-30 (ACT,
  sent 2025-03-31); closed 2026-02-01
- C3: 2025-06-01 12:00 / denuncia, online / lisboa, security_forces, i / racial_ethnic_origin,
  black_african_descent / group / security_force PSP and security_officer GNR /
  proceeding_opened 2025-06-11
- C4: 2025-12-31 23:59:59 / participacao, forwarded_by_entity / unknown, labour, - / - / - / - /
  none yet
- C5: 2025-07-15 12:00 / queixa, phone / faro, commerce, - / racial_ethnic_origin, - /
  individual, sex not said / two natural_person / archived 2025-08-14 (duplicate)
- C6: 2026-01-01 00:00:00 / queixa, online / viseu, sport, - / colour, - / - / - / none yet

C1 and C2 are about incident 1. C3: disciplinary referral to IGAI sent 2025-06-05, prosecutor
referral (MP) sent 2025-06-20, the prosecutor archived the crime on 2025-11-02. Proceeding P1
(from C3) opened 2025-06-11 12:00: respondent R1 (the PSP) fined EUR 1,000.00, paid in full,
R2 (the GNR officer) admonished, both decided on 2025-09-19; R1's appeal lodged 2025-10-01,
the court confirmed; R1 closed as paid on 2025-12-01. Deadlines: C1 `complainant_information`
due 2025-01-10 ended 2025-01-08 (met);
P1 `defence` due 2025-07-01 ended 2025-07-03 (missed); P1 `instruction` due 2025-09-09 still
running (missed); P1 `decision` due 2026-01-15 (outside); P1 `instruction_extension` due
2025-10-01 but suspended since 2025-09-01 (not counted).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from cicdr.models import (
    Complaint,
    ComplaintGround,
    Deadline,
    Incident,
    Party,
    Proceeding,
    ProceedingRespondent,
    Referral,
)

YEAR = 2025


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _complaint(session: Any, n: int, received: datetime, *, grounds: tuple[str, ...] = (),
               respondents: tuple[tuple[str, str | None], ...] = (), **columns: Any) -> Complaint:
    c = Complaint(reference=f"QN-{received.year}-{n:05d}", year=received.year, number=n,
                  state=columns.pop("state", "triage"), facts_date=date(2024, 12, 1),
                  description="Factos.", received_at=received, **columns)
    c.grounds = [ComplaintGround(ground=g) for g in grounds]
    c.parties = [Party(role="respondent", kind=kind, security_force=force, name="R")
                 for kind, force in respondents]
    session.add(c)
    return c


def build(session: Any) -> dict[str, Any]:
    """The rows of the table above; returns them by name."""
    incident = Incident(label="Uma publicação")
    session.add(incident)
    c0 = _complaint(session, 90, _at(2024, 12, 31, 23, 59, 59), origin="queixa",
                    channel="online", district="braga", context="sport",
                    grounds=("nationality",), state="archived", triage_outcome="archived",
                    triage_outcome_on=date(2025, 1, 5), archive_reason="no_information")
    c1 = _complaint(session, 1, _at(2025, 1, 1, 0, 0, 0), origin="queixa", channel="online",
                    district="lisboa", context="internet_social_media", practice="j",
                    grounds=("racial_ethnic_origin", "colour"), expression="roma",
                    victim_kind="individual", victim_sex="female",
                    respondents=(("natural_person", None),), incident=incident,
                    state="archived", triage_outcome="archived",
                    triage_outcome_on=date(2025, 1, 11), archive_reason="manifestly_unfounded")
    c2 = _complaint(session, 2, _at(2025, 3, 10, 12), origin="queixa", channel="email",
                    district="porto", context="commerce", practice="a",
                    grounds=("nationality",), expression="brazilian_nationality",
                    victim_kind="individual", victim_sex="male",
                    respondents=(("private_legal_person", None),), incident=incident,
                    state="forwarded", triage_outcome="forwarded",
                    triage_outcome_on=date(2025, 3, 30), closed_on=date(2026, 2, 1))
    c3 = _complaint(session, 3, _at(2025, 6, 1, 12), origin="denuncia", channel="online",
                    district="lisboa", context="security_forces", practice="i",
                    grounds=("racial_ethnic_origin",), expression="black_african_descent",
                    victim_kind="group",
                    respondents=(("security_force", "psp"), ("security_officer", "gnr")),
                    state="proceeding_opened", triage_outcome="proceeding_opened",
                    triage_outcome_on=date(2025, 6, 11), prosecutor_outcome="archived",
                    prosecutor_outcome_on=date(2025, 11, 2))
    c4 = _complaint(session, 4, _at(2025, 12, 31, 23, 59, 59), origin="participacao",
                    channel="forwarded_by_entity", district="unknown", context="labour",
                    state="received")
    c5 = _complaint(session, 5, _at(2025, 7, 15, 12), origin="queixa", channel="phone",
                    district="faro", context="commerce", grounds=("racial_ethnic_origin",),
                    victim_kind="individual",
                    respondents=(("natural_person", None), ("natural_person", None)),
                    state="archived", triage_outcome="archived",
                    triage_outcome_on=date(2025, 8, 14), archive_reason="duplicate")
    c6 = _complaint(session, 1, _at(2026, 1, 1, 0, 0, 0), origin="queixa", channel="online",
                    district="viseu", context="sport", grounds=("colour",), state="received")
    p1 = Proceeding(reference="PCO-2025-0001", year=2025, number=1, state="appealed",
                    opened_at=_at(2025, 6, 11, 12), facts_date=date(2024, 12, 1),
                    decided_on=date(2025, 9, 19), appeal_lodged_on=date(2025, 10, 1),
                    court_outcome="confirmed")
    p1.respondents = [
        ProceedingRespondent(name="PSP", kind="security_force", outcome="fine",
                             amount=Decimal("1000.00"), paid=Decimal("1000.00"),
                             decided_on=date(2025, 9, 19)),
        ProceedingRespondent(name="Agente", kind="security_officer", outcome="admonition",
                             decided_on=date(2025, 9, 19))]
    # Once each respondent has their own appeal and closure (issue 12), the statistics read
    # them there (services/statistics/outcomes.py): the same facts, on R1, give the same counts.
    r1 = p1.respondents[0]
    for column, value in (("appeal_lodged_on", date(2025, 10, 1)),
                          ("court_outcome", "confirmed"), ("close_reason", "paid"),
                          ("closed_on", date(2025, 12, 1))):
        if hasattr(ProceedingRespondent, column):
            setattr(r1, column, value)
    session.add(p1)
    c3.proceeding = p1
    session.add_all([
        Referral(body="act", purpose="forward", complaint=c2, state="sent",
                 sent_on=date(2025, 3, 31)),
        Referral(body="igai", purpose="disciplinary", complaint=c3, state="sent",
                 sent_on=date(2025, 6, 5)),
        Referral(body="mp", purpose="prosecutor", complaint=c3, state="answered",
                 sent_on=date(2025, 6, 20)),
    ])
    session.flush()
    for kind, due, ended, subject, suspended in (
            ("complainant_information", date(2025, 1, 10), date(2025, 1, 8), c1, None),
            ("defence", date(2025, 7, 1), date(2025, 7, 3), p1, None),
            ("instruction", date(2025, 9, 9), None, p1, None),
            ("decision", date(2026, 1, 15), None, p1, None),
            ("instruction_extension", date(2025, 10, 1), None, p1, date(2025, 9, 1))):
        owner = ({"complaint_id": subject.id} if isinstance(subject, Complaint)
                 else {"proceeding_id": subject.id})
        session.add(Deadline(kind=kind, started_on=date(2025, 1, 1), due_on=due, ended_on=ended,
                             suspended_since=suspended, **owner))
    session.commit()
    return {"c0": c0, "c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5, "c6": c6, "p1": p1}


def zeros(*codes: str) -> dict[str, int]:
    return dict.fromkeys(codes, 0)


DISTRICTS = ("aveiro", "beja", "braga", "braganca", "castelo_branco", "coimbra", "evora", "faro",
             "guarda", "leiria", "lisboa", "portalegre", "porto", "santarem", "setubal",
             "viana_do_castelo", "vila_real", "viseu", "acores", "madeira", "abroad", "online",
             "unknown")
CONTEXTS = ("internet_social_media", "traditional_media", "commerce", "neighbourhood",
            "social_private_life", "labour", "education", "health", "housing",
            "security_forces", "public_services", "private_services", "transport",
            "local_authorities", "sport", "other")
EXPRESSIONS = ("roma", "black_african_descent", "brazilian_nationality", "other_nationalities",
               "south_asian", "east_asian", "arab_north_african", "migrants_general",
               "language_accent", "other")
FORCES = ("psp", "gnr", "pj", "municipal_police", "maritime_police", "aima", "prison_guard",
          "other")

# The complaints received in 2025: C1 to C5 (C0 came a second too early, C6 on 1 January
# 2026). Counted from the table above.
COMPLAINTS = {
    "total": 5,
    # queixa: C1, C2, C5; denuncia: C3; participacao: C4.
    "by_origin": {"queixa": 3, "denuncia": 1, "participacao": 1, "unknown": 0},
    # online: C1, C3; email: C2; phone: C5; forwarded_by_entity: C4.
    "by_channel": {"online": 2, "email": 1, "post": 0, "in_person": 0, "phone": 1,
                   "forwarded_by_entity": 1, "unknown": 0},
    # lisboa: C1, C3; porto: C2; faro: C5; the code `unknown`: C4.
    "by_district": {**zeros(*DISTRICTS), "lisboa": 2, "porto": 1, "faro": 1, "unknown": 1},
    # commerce: C2, C5; one each for C1, C3, C4.
    "by_context": {**zeros(*CONTEXTS), "internet_social_media": 1, "commerce": 2,
                   "security_forces": 1, "labour": 1, "unknown": 0},
    # j: C1; a: C2; i: C3; none: C4, C5.
    "by_practice": {**zeros(*"abcdefghij"), "j": 1, "a": 1, "i": 1, "unknown": 2},
    # racial_ethnic_origin: C1, C3, C5; colour: C1 (C1 counts under both); nationality: C2
    # (C0's and C6's are outside); none: C4.
    "by_ground": {"racial_ethnic_origin": 3, "colour": 1, "nationality": 1, "ancestry": 0,
                  "territory_of_origin": 0, "language": 0, "unknown": 1},
    # roma: C1; brazilian: C2; black / African descent: C3; none: C4, C5.
    "by_expression": {**zeros(*EXPRESSIONS), "roma": 1, "brazilian_nationality": 1,
                      "black_african_descent": 1, "unknown": 2},
    # individual: C1, C2, C5; group: C3; not said: C4.
    "by_victim_kind": {"individual": 3, "group": 1, "community": 0, "unknown": 1},
    # The three individual victims: C1 female, C2 male, C5 not said (the group C3 and C4
    # without a victim kind are not counted here).
    "by_victim_sex": {"female": 1, "male": 1, "other": 0, "unknown": 1},
    # natural_person: C1, C5 (C5 names two natural persons and counts once); one each for
    # C2's company, C3's force and C3's officer; no respondent: C4.
    "by_respondent_kind": {"natural_person": 2, "private_legal_person": 1, "public_entity": 0,
                           "security_force": 1, "security_officer": 1, "unknown": 1},
    # C3 is against the PSP (the force) and the GNR (an officer).
    "by_security_force": {**zeros(*FORCES), "psp": 1, "gnr": 1, "unknown": 0},
}
# Incident 1: C1 and C2, counted once.
INCIDENTS = 1
# Events of 2025 by their own day, whatever year the complaint came in.
OUTCOMES = {
    # archived: C0 (5 January 2025: received in 2024, archived in 2025), C1, C5; forwarded:
    # C2; proceeding opened: C3.
    "by_triage_outcome": {"forwarded": 1, "referred_to_prosecutor": 0, "proceeding_opened": 1,
                          "archived": 3},
    "forwarded_by_body": {"mp": 0, "igai": 0, "act": 1, "erc": 0, "igsj": 0, "other": 0},
    "referred_to_prosecutor": 1,  # C3's referral to the MP, sent 20 June 2025
    "prosecutor_outcomes": {"inquiry_opened": 0, "archived": 1, "charged": 0, "convicted": 0,
                            "acquitted": 0, "returned": 0},
    "disciplinary_by_body": {"mp": 0, "igai": 1, "act": 0, "erc": 0, "igsj": 0, "other": 0},
    # C0 no_information, C1 manifestly_unfounded, C5 duplicate.
    "archived_by_reason": {"duplicate": 1, "withdrawn": 0, "manifestly_unfounded": 1,
                           "outside_grounds": 0, "no_information": 1, "unknown": 0},
}
PROCEEDINGS = {
    "opened": 1,  # P1, 11 June 2025
    "decisions_by_type": {"fine": 1, "admonition": 1, "dismissal": 0},  # R1, R2
    "respondents_decided": 2,
    "fines_total": 1000.0,
    "fines_average": 1000.0,  # one fine
    "fines_amount_paid": 1000.0,
    "admonitions": 1,
    "dismissals": 0,
    "appeals": 1,  # lodged 1 October 2025
    # Every court outcome of the legal core is a key (0 when none): R1's appeal was confirmed.
    "appeals_by_court_outcome": {"confirmed": 1, "altered": 0, "annulled": 0, "acquitted": 0,
                                 "returned_for_new_decision": 0, "pending": 0},
    "fines_paid": 1,  # R1 paid EUR 1,000.00 of 1,000.00
    "fines_enforced": 0,
    "prescribed": 0,
    "closed": 0,
}
DURATIONS = {
    # Receipt to triage outcome of the outcomes of 2025, in days: C0 31 Dec -> 5 Jan = 5;
    # C1 1 -> 11 Jan = 10; C2 10 -> 30 Mar = 20; C3 1 -> 11 Jun = 10; C5 15 Jul -> 14 Aug =
    # 16 + 14 = 30. Sorted 5, 10, 10, 20, 30: median the 3rd = 10; 90th percentile at
    # position 0.9 x 4 = 3.6 (from 0): 20 + 0.6 x (30 - 20) = 26.
    "receipt_to_triage_outcome": {"count": 5, "median_days": 10.0, "p90_days": 26.0},
    # P1 opened 11 June, R1 and R2 decided 19 September: 19 (to 30 June) + 31 + 31 + 19 =
    # 100 days, twice.
    "opening_to_decision": {"count": 2, "median_days": 100.0, "p90_days": 100.0},
}
BACKLOG = {
    "as_of": "2025-12-31",
    # Open on 31 December 2025: C2 (forwarded, closed only on 1 February 2026), 10 March to
    # 31 December = 21 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 296 days; C3 (its
    # proceeding runs), 1 June to 31 December = 29 + 31 + 31 + 30 + 31 + 30 + 31 = 213 days;
    # C4, received that day: 0 days. C0, C1, C5 were archived; C6 came in 2026.
    "complaints": {"total": 3, "0_30": 1, "31_90": 0, "91_180": 0, "181_365": 2,
                   "over_365": 0},
    # P1, 11 June to 31 December = 19 + 31 + 31 + 30 + 31 + 30 + 31 = 203 days.
    "proceedings": {"total": 1, "0_30": 0, "31_90": 0, "91_180": 0, "181_365": 1,
                    "over_365": 0},
}
DEADLINES = {
    "met": 1, "missed": 2,
    "by_kind": {"complainant_information": {"met": 1, "missed": 0},
                "defence": {"met": 0, "missed": 1},
                "instruction": {"met": 0, "missed": 1}},
}
EXPECTED = {"from": "2025-01-01", "to": "2025-12-31", "complaints": COMPLAINTS,
            "incidents": INCIDENTS, "outcomes": OUTCOMES, "proceedings": PROCEEDINGS,
            "durations": DURATIONS, "backlog": BACKLOG, "deadlines": DEADLINES}

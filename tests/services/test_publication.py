"""The public extract of published decisions and the register of sanctioned persons
(domain.md section 5), on proceedings driven through the workflow."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import PartyData
from cicdr.services.queries.publication import (
    Practice,
    Sanction,
    extract_years,
    of_year,
    published_extracts,
    sanctions_register,
)
from tests import decisions as paths
from tests.decisions import ADMONITION, DISMISSAL, FINE, company, person
from workflows import deadlines
from workflows.sanctions import Accessory

D = date
NORM_C = ("alínea c) do n.º 2 do artigo 4.º da Lei n.º 93/2017, de 23 de agosto, na redação "
          "dada pela Lei n.º 3/2024, de 15 de janeiro")


def test_a_published_fine_and_admonition_are_in_the_extract_with_every_column(
        session: Any, users: Any) -> None:
    fined = paths.published(session, users, D(2026, 1, 12), [company(), person("Outro Nome")],
                            [FINE, DISMISSAL])
    admonished = paths.published(session, users, D(2026, 2, 2), [person()], [ADMONITION],
                                 court="altered")
    rows = published_extracts(session, D(2026, 11, 1))
    assert [(r.reference, r.respondent_kind) for r in rows] == [
        (admonished.reference, "natural_person"), (fined.reference, "private_legal_person")]
    natural, legal = rows
    assert natural.name is None  # a natural person is never named
    assert legal.name == paths.COMPANY_NAME
    assert legal.practices == (Practice("c", NORM_C),) == natural.practices
    assert legal.sanction == Sanction("fine", Decimal("2500.00"),
                                      (Accessory("public_tenders_ban", 12),))
    assert natural.sanction == Sanction("admonition", None, ())
    assert (legal.decided_on, natural.decided_on) == (D(2026, 2, 20), D(2026, 3, 13))
    assert (legal.appeal, natural.appeal) == ("none", "altered")
    assert legal.published_on == fined.published_on
    assert legal.published_until == paths.publication_deadline(fined).due_on
    assert extract_years(rows) == [2026]
    assert of_year(rows, 2025) == [] and of_year(rows, 2026) == rows == of_year(rows, None)


def test_the_dismissed_the_annulled_and_the_unpublished_stay_out_of_the_extract(
        session: Any, users: Any) -> None:
    paths.published(session, users, D(2026, 1, 12), [company(), person()], [FINE, DISMISSAL])
    annulled = paths.final(session, users, D(2026, 1, 19), [company("Anulada, S.A.")], [FINE],
                           court="annulled")
    assert annulled.state == "closed"  # nothing stands, nothing to publish: it closed itself
    paths.final(session, users, D(2026, 1, 26), [company("Por Publicar, Lda.")], [FINE])
    paths.decided(session, users, D(2026, 2, 2), [company("Em Recurso, Lda.")], [FINE])
    rows = published_extracts(session, D(2026, 11, 1))
    assert [(r.respondent_kind, r.name) for r in rows] == [
        ("private_legal_person", paths.COMPANY_NAME)]


def test_the_extract_comes_down_when_the_publication_period_ends(session: Any,
                                                                 users: Any) -> None:
    p = paths.published(session, users, D(2026, 1, 12), [company()], [FINE])
    term = paths.publication_deadline(p)
    # The period is the deadline table's 5 calendar years from finality, not 5 * 365 days.
    assert term.due_on == deadlines.due_date("publication", term.started_on)
    assert term.due_on >= term.started_on.replace(year=term.started_on.year + 5)
    assert published_extracts(session, term.due_on) != []
    assert published_extracts(session, term.due_on + timedelta(days=1)) == []
    assert p.published_on is not None
    assert published_extracts(session, p.published_on - timedelta(days=1)) == []  # not yet


def test_a_closed_proceeding_stays_published_until_the_period_ends(session: Any,
                                                                   users: Any) -> None:
    p = paths.published(session, users, D(2026, 1, 12), [company()], [FINE])
    fire(session, p, "record_payment", users.officer, today=D(2026, 8, 1),
         respondent=str(p.respondents[0].id), paid_on="2026-08-01", amount="2500.00")
    assert p.state == "closed"  # paid in full: the respondent and the proceeding close
    assert [r.reference for r in published_extracts(session, D(2027, 1, 1))] == [p.reference]


def test_a_security_force_is_named_by_force_and_unit_never_by_the_officer(
        session: Any, users: Any) -> None:
    police = PartyData(role="respondent", kind="security_force", security_force="psp",
                       unit="Esquadra da Amadora", officer_identification="agente 1234")
    paths.published(session, users, D(2026, 1, 12), [police], [FINE], police=True)
    (row,) = published_extracts(session, D(2026, 11, 1))
    assert row.name == "PSP · Esquadra da Amadora"
    assert row.practices[0].letter == "i"


def test_the_register_names_every_final_sanction_with_what_is_still_owed(
        session: Any, users: Any) -> None:
    fined = paths.published(session, users, D(2026, 1, 12), [company(), person("Outro Nome")],
                            [FINE, DISMISSAL])
    fire(session, fined, "record_payment", users.officer, today=D(2026, 8, 1),
         respondent=str(fined.respondents[0].id), paid_on="2026-08-01", amount="1000.00")
    admonished = paths.final(session, users, D(2026, 2, 2), [person()], [ADMONITION])
    paths.final(session, users, D(2026, 1, 19), [company("Anulada, S.A.")], [FINE],
                court="annulled")
    paths.decided(session, users, D(2026, 2, 9), [person("José Recorrente")], [ADMONITION])
    rows = sanctions_register(session)
    assert [(r.name, r.reference) for r in rows] == [
        (paths.COMPANY_NAME, fined.reference), (paths.NATURAL_NAME, admonished.reference)]
    legal, natural = rows
    assert (legal.paid, legal.outstanding) == (Decimal("1000.00"), Decimal("1500.00"))
    assert (natural.paid, natural.outstanding) == (Decimal("0"), Decimal("0"))
    assert legal.final_on == paths.publication_deadline(fined).started_on
    assert legal.published_on == fined.published_on and natural.published_on is None
    assert natural.sanction.outcome == "admonition"


def test_the_register_search_ignores_case_and_accents(session: Any, users: Any) -> None:
    paths.final(session, users, D(2026, 1, 12), [person("Joaquim Conceição")], [ADMONITION])
    paths.final(session, users, D(2026, 1, 19), [company()], [FINE])
    assert [r.name for r in sanctions_register(session, "conceicao")] == ["Joaquim Conceição"]
    assert [r.name for r in sanctions_register(session, "  HOSTEL ")] == [paths.COMPANY_NAME]
    assert sanctions_register(session, "100%") == []

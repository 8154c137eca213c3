"""The accusation and the decision letters, one per respondent, read as a lawyer expects them
(issue 12 part 9): the instructor's texts, the sanction range computed by hand, the right of
defence and the consultation of the file; the facts, evidence and reasons, the appeal, the
payment order. The texts are edited through an audited action, and an accusation is not
notified without them."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from cicdr.models import AuditEvent, Proceeding
from cicdr.services import audit, documents
from cicdr.services.casework.respondent_texts import write_respondent_texts
from cicdr.services.core.actors import SystemActor
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.documents.formats import eur_words, number_words
from cicdr.services.engine import checks
from cicdr.services.engine.transition import fire
from tests import decisions, factories
from tests.services.test_documents import make, store, text_of
from tests.services.test_legal_paths import open_proceeding, triaged
from workflows.spec import Context

D = date
SETTINGS = documents.DocumentSettings(
    consultation_place="Rua Álvaro Coutinho, 14, 1150-025 Lisboa",
    consultation_hours="das 9h30 às 12h30 e das 14h00 às 17h00",
    appointments=("correio eletrónico cicdr@cicdr.pt", "telefone 218 106 100"),
    payment_iban="PT50 0781 0112 0000 0001 2345 6", payment_holder="Tesouraria da CICDR",
    payment_bic="TGPTPTPL")
PLACEHOLDERS = ("a definir", "CICDR_PAYMENT", "CICDR_FILE_CONSULTATION")


def in_instruction(session: Any, users: Any, **kwargs: Any) -> Proceeding:
    """Facts of 2 March 2026 (factories.new_complaint), so the IAS is 2026's: EUR 537.13."""
    p = open_proceeding(session, users, triaged(session, users, **kwargs))
    fire(session, p, "start_instruction", users.officer, today=D(2026, 3, 13))
    return p


def letter(session: Any, p: Proceeding, kind: str, respondent_id: int, actor: Any,
           today: date = D(2026, 12, 2)) -> str:
    """The letter's text without its running footers (a sentence may cross a page)."""
    made = make(session, p, kind, actor, respondent_id=respondent_id, today=today,
                settings=SETTINGS)
    return re.sub(r" ?CICDR · \S+ Página \d+ de \d+", "", text_of(store().get(made.sha256)))


# -- the accusation -----------------------------------------------------------------------------


def test_the_accusation_of_a_natural_person_states_everything_the_defence_needs(
        session: Any, users: Any) -> None:
    p = in_instruction(session, users, respondent_kind="natural_person",
                       description="Texto da queixa, nas palavras da queixosa.")
    r = p.respondents[0]
    write_respondent_texts(session, p, users.officer, r.id, {
        "facts_charged": "No dia 2 de março de 2026, o arguido recusou a entrada da queixosa "
                         "no estabelecimento, dizendo-lhe que ali não entravam ciganos.",
        "norms": "Alínea c) do n.º 2 do artigo 4.º e n.º 1 do artigo 16.º da Lei n.º 93/2017."})
    text = letter(session, p, "accusation", r.id, users.officer)
    assert "Lisboa, 2 de dezembro de 2026" in text  # dated in Portuguese words
    assert "Notificação da acusação" in text and p.reference in text
    assert "ali não entravam ciganos" in text  # the facts charged, as the instructor wrote
    assert "nas palavras da queixosa" not in text  # not the complaint's own words
    assert "Alínea c) do n.º 2 do artigo 4.º e n.º 1 do artigo 16.º" in text
    assert "n.º 1 do artigo 16.º da Lei n.º 93/2017" in text and "pessoa singular" in text
    # Natural person, 1 to 10 x IAS 2026 (EUR 537.13): EUR 537.13 to EUR 5,371.30.
    assert "entre 537,13 € (quinhentos e trinta e sete euros e treze cêntimos) e 5.371,30 € " \
           "(cinco mil trezentos e setenta e um euros e trinta cêntimos)" in text
    assert "IAS do ano dos factos (2026) de 537,13 €" in text
    # The right of defence: 10 working days from the notification (Lei 93/2017 art. 20(3),
    # RGCO art. 50).
    assert "10 dias úteis a contar da data da presente notificação" in text
    assert "n.º 3 do artigo 20.º da Lei n.º 93/2017 e do artigo 50.º do RGCO" in text
    assert "defesa por escrito" in text and "testemunhas" in text and "artigo 53.º" in text
    # How to consult the file: place, hours, by appointment, through which contacts.
    assert "Rua Álvaro Coutinho, 14, 1150-025 Lisboa" in text
    assert "das 9h30 às 12h30 e das 14h00 às 17h00" in text
    assert "mediante marcação prévia" in text and "cicdr@cicdr.pt" in text
    assert "218 106 100" in text
    assert not any(placeholder in text for placeholder in PLACEHOLDERS)
    assert "Instrutor(a) do processo" in text


def test_the_accusation_of_a_negligent_legal_person_halves_its_range(
        session: Any, users: Any) -> None:
    p = in_instruction(session, users)  # Imobiliária Exemplo, Lda.: a private legal person
    r = p.respondents[0]
    from cicdr.services.casework.editing import update_proceeding_respondent

    update_proceeding_respondent(session, p, users.officer, r.id, name=r.name, kind=r.kind,
                                 negligent=True)
    factories.write_accusations(session, p, users.officer)
    text = letter(session, p, "accusation", r.id, users.officer)
    assert "pessoa coletiva" in text and "n.º 2 do artigo 16.º" in text
    # Legal person, 4 to 20 x IAS 2026 = EUR 2,148.52 to EUR 10,742.60; halved for negligence
    # (art. 16(4)): EUR 1,074.26 to EUR 5,371.30.
    assert "entre 1.074,26 € (mil e setenta e quatro euros e vinte e seis cêntimos) e " \
           "5.371,30 € (cinco mil trezentos e setenta e um euros e trinta cêntimos)" in text
    assert "reduzidos para metade" in text
    assert "a arguida recusou arrendar uma habitação" in text


def test_an_accusation_whose_texts_are_not_written_is_refused_with_the_reason(
        session: Any, users: Any) -> None:
    p = in_instruction(session, users)
    r = p.respondents[0]
    found = {o.kind.name: o for o in documents.options(session, p, users.officer)}
    assert found["accusation"].respondent_reasons == {
        r.id: f"the facts charged and norms violated for {r.name} are not written yet (write "
              "them under the respondent on the proceeding page)."}
    with pytest.raises(TransitionDenied, match="facts charged and norms violated"):
        letter(session, p, "accusation", r.id, users.officer)
    write_respondent_texts(session, p, users.officer, r.id, {"facts_charged": "Factos."})
    with pytest.raises(TransitionDenied, match="the norms violated for"):
        letter(session, p, "accusation", r.id, users.officer)
    assert session.scalar(select(AuditEvent).where(
        AuditEvent.action == "generate_document")) is None


# -- the decision -------------------------------------------------------------------------------


def two_respondents(session: Any, users: Any) -> Proceeding:
    """A company admonished and a natural person fined EUR 2,500 (facts of 2 March 2026),
    the decision notified; each respondent with texts of their own."""
    p = decisions.decided(session, users, D(2026, 3, 10),
                          [decisions.company(), decisions.person()],
                          [decisions.ADMONITION, decisions.FINE])
    company, person = p.respondents
    write_respondent_texts(session, p, users.officer, company.id, {
        "facts_proven": "A sociedade afixou um aviso a recusar clientes estrangeiros.",
        "facts_not_proven": "",
        "evidence": "Fotografia do aviso; auto de inspeção.",
        "reasons": "A sociedade retirou o aviso logo que notificada: basta a admoestação."})
    write_respondent_texts(session, p, users.officer, person.id, {
        "facts_proven": "O gerente recusou o alojamento a um casal por serem africanos.",
        "facts_not_proven": "Que o alojamento estivesse lotado nesse dia.",
        "evidence": "Depoimentos de duas testemunhas; registo de reservas do dia.",
        "reasons": "O registo de reservas junto pela defesa mostra quartos livres, pelo que "
                   "a alegada lotação foi rejeitada."})
    return p


def test_the_decision_fining_a_natural_person_states_facts_reasons_appeal_and_payment(
        session: Any, users: Any) -> None:
    p = two_respondents(session, users)
    person = p.respondents[1]
    text = letter(session, p, "decision_notification", person.id, users.officer)
    assert "Lisboa, 2 de dezembro de 2026" in text and decisions.NATURAL_NAME in text
    # The decision itself (RGCO art. 58(1)): facts proven and not proven, evidence, reasons.
    assert "recusou o alojamento a um casal por serem africanos" in text
    assert "Que o alojamento estivesse lotado nesse dia." in text
    assert "Depoimentos de duas testemunhas" in text
    assert "a alegada lotação foi rejeitada" in text  # why the defence's evidence failed
    assert "retirou o aviso" not in text  # the other respondent's texts are not in this letter
    assert "Normas violadas: alínea c) do n.º 2 do artigo 4.º" in text  # as written
    # The sanction, in figures and words, and the accessory sanction.
    assert "coima no montante de 2.500,00 € (dois mil e quinhentos euros)" in text
    assert "n.º 1 do artigo 16.º" in text
    assert "privação do direito de participar em arrematações ou concursos públicos, pelo " \
           "período de 12 meses" in text
    # Finality and the judicial appeal (RGCO arts 58(2), 59-60, 62, 64, 72-A).
    assert "torna-se definitiva e exequível se não for judicialmente impugnada" in text
    assert "recurso de impugnação judicial" in text and "20 dias úteis" in text
    assert "apresentado na CICDR" in text and "envia os autos ao Ministério Público" in text
    assert "artigo 62.º" in text
    assert "caso o(a) arguido(a) e o Ministério Público não se oponham, mediante simples " \
           "despacho" in text and "n.º 2 do artigo 64.º" in text
    assert "a sanção não pode ser agravada" in text and "artigo 72.º-A" in text
    # The payment order (RGCO arts 58(3), 88): amount, term, how to pay, instalments.
    assert "8. ORDEM DE PAGAMENTO" in text  # headings print in capitals
    assert "pagar a coima de 2.500,00 € (dois mil e quinhentos euros) no prazo máximo de " \
           "10 dias após a decisão se tornar definitiva" in text
    assert "PT50 0781 0112 0000 0001 2345 6" in text and "Tesouraria da CICDR" in text
    assert "TGPTPTPL" in text and f"{p.reference}-A{person.id}" in text
    assert "pagamento em prestações" in text and "n.os 4 e 5 do artigo 88.º" in text
    assert "impossibilidade de pagamento tempestivo" in text and "artigo 89.º" in text
    assert not any(placeholder in text for placeholder in PLACEHOLDERS)
    assert "Pela Comissão Permanente" in text and "President" in text


def test_the_decision_admonishing_a_legal_person_has_the_appeal_but_no_payment(
        session: Any, users: Any) -> None:
    p = two_respondents(session, users)
    company = p.respondents[0]
    text = letter(session, p, "decision_notification", company.id, users.officer)
    assert decisions.COMPANY_NAME in text and "pessoa coletiva" in text
    assert "afixou um aviso a recusar clientes estrangeiros" in text
    assert "Fotografia do aviso; auto de inspeção." in text
    assert "basta a admoestação" in text
    # No facts not proven were written: the letter says so in words.
    assert "Não resultaram por provar outros factos com relevo para a decisão." in text
    assert "admoestação" in text and "artigo 51.º do RGCO" in text
    assert "n.º 2 do artigo 16.º" in text  # a legal person's offence
    assert "definitiva e exequível" in text and "72.º-A" in text and "simples despacho" in text
    assert "ORDEM DE PAGAMENTO" not in text and "IBAN" not in text
    assert decisions.NATURAL_NAME not in text  # one letter per respondent


def test_a_dismissal_says_no_sanction_and_offers_no_appeal(session: Any, users: Any) -> None:
    p = decisions.decided(session, users, D(2026, 3, 10), [decisions.person()],
                          [decisions.DISMISSAL])
    text = letter(session, p, "decision_notification", p.respondents[0].id, users.officer)
    assert "arquivamento" in text and "Não lhe é aplicada qualquer sanção" in text
    assert "impugnação judicial" not in text and "ORDEM DE PAGAMENTO" not in text


def test_a_decision_letter_without_its_texts_is_refused_with_the_reason(
        session: Any, users: Any) -> None:
    p = decisions.decided(session, users, D(2026, 3, 10), [decisions.person()],
                          [decisions.FINE])
    r = p.respondents[0]
    write_respondent_texts(session, p, users.officer, r.id, {"reasons": "", "evidence": ""})
    with pytest.raises(TransitionDenied, match="evidence and its assessment, reasons for"):
        letter(session, p, "decision_notification", r.id, users.officer)
    option = next(o for o in documents.options(session, p, users.officer)
                  if o.kind.name == "decision_notification")
    assert option.available and r.id in option.respondent_reasons


# -- the audited edit ---------------------------------------------------------------------------


def test_writing_the_texts_is_audited_with_old_and_new_values(session: Any, users: Any) -> None:
    p = in_instruction(session, users)
    r = p.respondents[0]
    version = p.version
    changes = write_respondent_texts(session, p, users.officer, r.id, {
        "facts_charged": "  Primeira versão.  ", "norms": ""}, expected_version=version)
    assert changes == {"facts_charged": {"old": None, "new": "Primeira versão."}}
    assert r.facts_charged == "Primeira versão." and r.norms is None
    assert p.version == version + 1  # a form opened before is now stale
    write_respondent_texts(session, p, users.officer, r.id,
                           {"facts_charged": "Segunda versão."})
    events = list(session.scalars(select(AuditEvent).where(
        AuditEvent.action == "edit_respondent_texts").order_by(AuditEvent.seq)))
    assert [json.loads(e.data) for e in events] == [
        {"respondent": r.id, "respondent_name": r.name,
         "changes": {"facts_charged": {"old": None, "new": "Primeira versão."}}},
        {"respondent": r.id, "respondent_name": r.name,
         "changes": {"facts_charged": {"old": "Primeira versão.", "new": "Segunda versão."}}}]
    assert all((e.subject_type, e.subject_id, e.actor_id) == ("proceeding", p.id,
                                                               users.officer.id)
               for e in events)
    assert write_respondent_texts(session, p, users.officer, r.id,
                                  {"facts_charged": "Segunda versão."}) == {}  # no event
    assert session.query(AuditEvent).filter_by(action="edit_respondent_texts").count() == 2
    with pytest.raises(Conflict):
        write_respondent_texts(session, p, users.officer, r.id, {"norms": "Artigo 4.º."},
                               expected_version=version)
    assert r.norms is None
    assert audit.verify(session).ok


def test_only_an_officer_writes_the_texts_and_only_valid_ones(session: Any, users: Any) -> None:
    p = in_instruction(session, users)
    r = p.respondents[0]
    for role in ("president", "commissioner", "auditor", "admin"):
        with pytest.raises(TransitionDenied, match="Only an officer"):
            write_respondent_texts(session, p, getattr(users, role), r.id, {"norms": "x"})
    with pytest.raises(InvalidData) as refused:
        write_respondent_texts(session, p, users.officer, r.id,
                               {"facts_charged": "x" * 20_001, "verdict": "y"})
    assert set(refused.value.errors) == {"verdict"}  # unknown fields first
    with pytest.raises(InvalidData) as refused:
        write_respondent_texts(session, p, users.officer, r.id, {"facts_charged": "x" * 20_001})
    assert refused.value.errors == {"facts_charged": "At most 20,000 characters."}
    with pytest.raises(InvalidData, match="Not a respondent"):
        write_respondent_texts(session, p, users.officer, 999_999, {"norms": "x"})
    assert session.query(AuditEvent).filter_by(action="edit_respondent_texts").count() == 0


def test_the_texts_can_no_longer_change_once_the_decision_is_final(
        session: Any, users: Any) -> None:
    p = decisions.decided(session, users, D(2026, 3, 10), [decisions.person()],
                          [decisions.FINE])
    r = p.respondents[0]
    write_respondent_texts(session, p, users.officer, r.id, {"reasons": "Ainda notificada."})
    (appeal,) = [d for d in p.deadlines if d.kind == "appeal"]
    from datetime import timedelta

    fire(session, p, "become_final", SystemActor("tick"), today=appeal.due_on + timedelta(1))
    assert p.state == "final"
    with pytest.raises(TransitionDenied, match="proceeding is final"):
        write_respondent_texts(session, p, users.officer, r.id, {"reasons": "Mudada."})
    session.refresh(r)
    assert r.reasons == "Ainda notificada."


# -- notifying the accusation -------------------------------------------------------------------


def test_the_accusation_is_not_notified_before_its_texts_are_written(
        session: Any, users: Any) -> None:
    p = in_instruction(session, users)
    r = p.respondents[0]
    version = p.version
    with pytest.raises(InvalidData) as refused:
        fire(session, p, "notify_accusation", users.officer, today=D(2026, 5, 4),
             notified_on="2026-05-04")
    # The trigger names the respondent (the only one, chosen without saying): the refusal is
    # about that field.
    assert refused.value.errors == {"respondent": (
        "Write the accusation's facts charged and norms violated on the proceeding page before "
        f"notifying it; missing for {r.name} (facts charged and norms violated).")}
    assert (p.state, p.version, p.accusation_notified_on) == ("instruction", version, None)
    assert session.query(AuditEvent).filter_by(action="notify_accusation").count() == 0
    factories.write_accusations(session, p, users.officer)
    fire(session, p, "notify_accusation", users.officer, today=D(2026, 5, 4),
         notified_on="2026-05-04")
    assert p.state == "awaiting_defence"


def test_the_check_names_the_respondent_notified_when_the_trigger_says_which(
        session: Any, users: Any) -> None:
    """Once notify_accusation carries `respondent` (the per-respondent procedure), only that
    respondent's texts are required; without it, every respondent's."""
    c = triaged(session, users, respondents=[decisions.company(), decisions.person()])
    p = open_proceeding(session, users, c)
    company, person = p.respondents
    factories.write_accusations(session, p, users.officer)
    write_respondent_texts(session, p, users.officer, person.id, {"norms": ""})
    check = checks.for_trigger(session, "proceeding", "notify_accusation")
    assert check is not None

    def run(**data: Any) -> dict[str, str]:
        return check(Context(p, users.officer, D(2026, 5, 4),
                             {"notified_on": D(2026, 5, 4), **data}))

    assert run(respondent=str(company.id)) == {}
    assert run(respondent=str(person.id)) == {"respondent": (
        "Write the accusation's facts charged and norms violated on the proceeding page before "
        f"notifying it; missing for {person.name} (norms violated).")}
    assert run() == {"notified_on": (
        "Write the accusation's facts charged and norms violated on the proceeding page before "
        f"notifying it; missing for {person.name} (norms violated).")}
    assert run(respondent="999999") == {"respondent": "Choose a respondent of this proceeding."}


# -- amounts in words ---------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "words"), [
    ("537.13", "quinhentos e trinta e sete euros e treze cêntimos"),
    ("5371.30", "cinco mil trezentos e setenta e um euros e trinta cêntimos"),
    ("2148.52", "dois mil cento e quarenta e oito euros e cinquenta e dois cêntimos"),
    ("10742.60", "dez mil setecentos e quarenta e dois euros e sessenta cêntimos"),
    ("1000", "mil euros"), ("1100", "mil e cem euros"), ("1005", "mil e cinco euros"),
    ("100", "cem euros"), ("101", "cento e um euros"), ("1", "um euro"),
    ("0.01", "um cêntimo"), ("21000", "vinte e um mil euros"),
    ("1000000", "um milhão de euros"),
])
def test_amounts_are_written_in_portuguese_words(amount: str, words: str) -> None:
    assert eur_words(Decimal(amount)) == words


def test_number_words_join_groups_as_portuguese_does() -> None:
    assert number_words(1250) == "mil duzentos e cinquenta"
    assert number_words(1200) == "mil e duzentos"
    assert number_words(1_250_300) == "um milhão duzentos e cinquenta mil e trezentos"
    assert number_words(2_000_016) == "dois milhões e dezasseis"

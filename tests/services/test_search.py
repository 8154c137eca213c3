"""Full-text search of complaints, on SQLite (FTS5) and PostgreSQL (tsvector): by reference,
by words of the description with or without accents, by a party's name; the index follows
edits, new parties, deletions and anonymisation, and any input is a safe query."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update

from cicdr.models import Complaint, Party
from cicdr.services.admin import retention
from cicdr.services.core.storage import BlobStore
from cicdr.services.intake.registration import PartyData
from cicdr.services.queries import search
from tests import factories


@pytest.fixture
def three(session: Any) -> list[Complaint]:
    return [
        factories.complaint(session, description="Fui impedida de entrar na discoteca por ser "
                            "negra; o porteiro disse que não era para mim.",
                            complainant=PartyData(role="complainant", name="João Gonçalves"),
                            respondents=[PartyData(role="respondent", name="Bar Noite, Lda.",
                                                   kind="private_legal_person")]),
        factories.complaint(session),  # Maria Silva vs Imobiliária Exemplo, Lda. (housing)
        factories.complaint(session, police=True),  # PSP, Esquadra da Amadora, agente 1234
    ]


def found(session: Any, q: str) -> list[str]:
    ids = search.search_ids(session, q)
    return sorted(session.get(Complaint, i).reference for i in ids)


def test_a_whole_reference_finds_that_complaint_only(session: Any,
                                                     three: list[Complaint]) -> None:
    first, second, _ = three
    assert found(session, second.reference) == [second.reference]
    assert found(session, second.reference.lower()) == [second.reference]
    assert found(session, f"  {first.reference} ") == [first.reference]
    assert found(session, "QN-2026-99999") == []


def test_a_word_of_the_description_finds_it_with_or_without_accents(
        session: Any, three: list[Complaint]) -> None:
    first, second, third = three
    assert found(session, "discoteca") == [first.reference]
    assert found(session, "nao era") == [first.reference]  # "não" typed without the accent
    assert found(session, "NÃO") == [first.reference]
    assert found(session, "arrendar") == [second.reference]
    assert found(session, "insultado negro") == [third.reference]
    assert found(session, "negr") == sorted([first.reference, third.reference])  # a prefix


def test_a_party_name_finds_the_complaint_both_ways_round_accents(
        session: Any, three: list[Complaint]) -> None:
    first, second, third = three
    assert found(session, "João Gonçalves") == [first.reference]
    assert found(session, "joao goncalves") == [first.reference]
    assert found(session, "Gonç") == [first.reference]
    assert found(session, "imobiliaria") == [second.reference]  # the respondent
    assert found(session, "Maria Silva") == sorted([second.reference, third.reference])
    assert found(session, "amadora 1234") == [third.reference]  # police unit and officer
    assert found(session, "psp") == [third.reference]


def test_every_word_must_match(session: Any, three: list[Complaint]) -> None:
    assert found(session, "maria arrendar") == [three[1].reference]
    assert found(session, "maria discoteca") == []


@pytest.mark.parametrize("q", ['"', "*", "OR(", "NEAR(", "a:* & !", "'", "\\", "))",
                               "AND OR NOT", "-", "^", "{col}:x", "x\x00y", "🙂"])
def test_any_input_is_a_safe_query(session: Any, three: list[Complaint], q: str) -> None:
    search.search_ids(session, q)  # never an error


def test_punctuation_only_is_no_search_at_all(session: Any, three: list[Complaint]) -> None:
    assert search.matching_ids(session, '"*()') is None
    assert found(session, '("maria") *') == sorted([three[1].reference, three[2].reference])


def test_the_index_follows_edits_new_parties_and_deletions(session: Any,
                                                           three: list[Complaint]) -> None:
    first, second, _ = three
    first.description = "Recusaram-me atendimento na farmácia do bairro."
    session.commit()
    assert found(session, "discoteca") == []
    assert found(session, "farmacia") == [first.reference]

    second.parties.append(Party(role="witness", name="Ângela Tavares"))
    session.commit()
    assert found(session, "angela") == [second.reference]

    witness = second.parties[-1]
    witness.name = "Beatriz Nunes"
    session.commit()
    assert found(session, "angela") == [] and found(session, "beatriz") == [second.reference]

    second.parties.remove(witness)
    session.commit()
    assert found(session, "beatriz") == []


def test_a_rolled_back_change_leaves_the_index_as_it_was(session: Any,
                                                         three: list[Complaint]) -> None:
    first = three[0]
    first.description = "Texto que nunca chegou a ser gravado na base de dados."
    session.flush()
    assert found(session, "gravado") == [first.reference]  # same transaction sees it
    session.rollback()
    assert found(session, "gravado") == []
    assert found(session, "discoteca") == [first.reference]


def test_an_anonymised_complaint_is_found_by_reference_only(session: Any, app: Flask,
                                                            three: list[Complaint]) -> None:
    first = three[0]
    item = retention.Due(first, "archived", date.today(), date.today() - timedelta(days=1))
    retention.anonymise(session, item, BlobStore(app.config["BLOB_DIR"]),
                        retention.DEFAULT_YEARS)
    assert found(session, "goncalves") == []
    assert found(session, "discoteca") == []
    assert found(session, first.reference) == [first.reference]


def test_rebuild_repairs_an_index_bypassed_by_bulk_statements(session: Any, app: Flask,
                                                              three: list[Complaint]) -> None:
    session.execute(update(Complaint).values(description="Outro texto sem nada de especial."))
    session.commit()
    assert found(session, "discoteca") == [three[0].reference]  # stale: the ORM was bypassed
    result = app.test_cli_runner().invoke(args=["cicdr", "search-reindex"])
    assert result.exit_code == 0, result.output
    assert "3 complaint(s) indexed." in result.output
    assert found(session, "discoteca") == []
    assert len(found(session, "especial")) == 3


def test_words_keep_their_marks_in_other_scripts(session: Any) -> None:
    c = factories.complaint(session, description="আমাকে দোকানে ঢুকতে দেওয়া হয়নি কারণ আমি "
                            "বাংলাদেশি। Мене не пустили до магазину.")
    assert found(session, "বাংলাদেশি") == [c.reference]
    assert found(session, "магазину") == [c.reference]
    assert search.tokens("Ação, João & Zoë — x²") == ["acao", "joao", "zoe", "x2"]

"""Migrations: one head, the head matches the models, every step goes up and down."""

from __future__ import annotations

import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError

from cicdr import create_app
from cicdr.config import ROOT, TestConfig
from cicdr.extensions import db
from cicdr.models import IasValue, VocabularyTerm
from cicdr.services.queries.search import include_in_autogenerate


def _scratch_url(tmp_path: Path) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    name = "cicdr_migrations_scratch"
    admin = create_engine(base.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield base.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def scratch_app(tmp_path: Path) -> Iterator[Flask]:
    for url in _scratch_url(tmp_path):
        application = create_app(TestConfig(url, str(tmp_path / "blobs")))
        with application.app_context():
            yield application
            db.session.remove()
            db.engine.dispose()


def _script() -> ScriptDirectory:
    from alembic.config import Config

    config = Config(str(ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return ScriptDirectory.from_config(config)


def test_there_is_a_single_head() -> None:
    assert len(_script().get_heads()) == 1


def test_the_migrated_schema_matches_the_models(scratch_app: Flask) -> None:
    upgrade()
    with db.engine.connect() as conn:
        # The search index is not a model table (cicdr/services/queries/search.py); env.py leaves
        # it out of autogenerate with the same filter.
        context = MigrationContext.configure(conn, opts={
            "compare_type": True, "include_name": include_in_autogenerate})
        assert compare_metadata(context, db.metadata) == []


def test_reference_data_is_loaded_by_the_migration(scratch_app: Flask) -> None:
    upgrade()
    grounds = db.session.scalars(select(VocabularyTerm.code).where(
        VocabularyTerm.vocabulary == "ground").order_by(VocabularyTerm.position)).all()
    assert grounds == ["racial_ethnic_origin", "colour", "nationality", "ancestry",
                       "territory_of_origin", "language"]
    assert db.session.get(IasValue, 2026).amount == Decimal("537.13")
    psp = db.session.get(VocabularyTerm, ("security_force", "psp"))
    assert psp.oversight_body == "igai"


def test_every_revision_upgrades_and_downgrades(scratch_app: Flask) -> None:
    revisions = [r.revision for r in reversed(list(_script().walk_revisions()))]
    for revision in revisions:
        upgrade(revision=revision)
    for revision in reversed(revisions[:-1]):
        downgrade(revision=revision)
    downgrade(revision="base")
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() is None
    upgrade()


def test_the_audit_log_is_append_only_at_head_and_not_after_downgrading(
        scratch_app: Flask) -> None:
    upgrade()
    insert = text("INSERT INTO audit_events (seq, subject_type, actor_label, role, action, data, "
                  "created_at, prev_hash, hash) VALUES (1, 'user', 'x', 'system', 'x', '{}', "
                  "CURRENT_TIMESTAMP, :h, :h)")
    with db.engine.begin() as conn:
        conn.execute(insert, {"h": "0" * 64})
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events"))
    downgrade(revision="0004")
    with db.engine.begin() as conn:  # the triggers went with the migration that made them
        assert conn.execute(text("DELETE FROM audit_events")).rowcount == 1
    upgrade()


def test_practice_labels_say_what_each_practice_is(scratch_app: Flask) -> None:
    upgrade()
    c = db.session.get(VocabularyTerm, ("practice", "c"))
    assert c.label == "c) Recusa ou condicionamento de venda ou arrendamento de imóveis"
    db.session.remove()
    downgrade(revision="0004")
    assert db.session.get(VocabularyTerm, ("practice", "c")).label == \
        "Art. 4.º, n.º 2, alínea c)"
    db.session.remove()
    upgrade()


def test_0008_goes_up_and_down_on_a_database_with_accounts_in_use(scratch_app: Flask) -> None:
    """SQLite cannot rebuild `users` while rows of other tables point at it (foreign keys on):
    the migration must alter the table in place, both ways."""
    upgrade(revision="0004")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, email, name, role, password_hash, active, "
                          "created_at) VALUES (1, 'a@cicdr.pt', 'A', 'officer', 'x', true, "
                          "CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO complaint_drafts (token_hash, mode, created_by_id, "
                          "language, data, created_at, updated_at) VALUES ('t', 'staff', 1, "
                          "'pt', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    upgrade()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT require_2fa, totp_secret FROM users")).one() == (
            False, None)
    downgrade(revision="0004")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM complaint_drafts")).scalar() == 1
        assert conn.execute(text("SELECT email FROM users")).scalar() == "a@cicdr.pt"
    upgrade()


def test_the_complaint_columns_go_down_on_a_database_with_complaints(scratch_app: Flask) -> None:
    """0003 and 0004 drop complaint columns on the way down, which must not rebuild the table
    (SQLite refuses to drop `complaints` while other rows point at it)."""
    from tests import factories

    upgrade()
    factories.staff(db.session)
    factories.complaint(db.session)
    downgrade(revision="0002")
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM parties")).scalar() == 2
        assert conn.execute(text("SELECT reference FROM complaints")).scalar() == \
            "QN-2026-00001"
    upgrade()


def test_0012_fills_the_prosecutor_columns_from_the_audit_log(scratch_app: Flask) -> None:
    """Going down to 0011 drops the columns and keeps the rows and the audit log; coming back up
    fills them again from the log, including an event recorded before outcomes had dates."""
    from datetime import date

    from cicdr.services.casework.referrals import draft_referral
    from cicdr.services.core.legal_tables import forget_cached_tables
    from cicdr.services.engine.transition import fire
    from tests import factories

    upgrade()
    forget_cached_tables()
    s, staff = db.session, factories.staff(db.session)
    cases = [factories.complaint(s) for _ in range(3)]
    for c in cases:
        fire(s, c, "assign", staff.officer, today=date(2026, 3, 11), assignee=staff.officer.id)
        fire(s, c, "start_triage", staff.officer, today=date(2026, 3, 11))
    concluded, answered, opened = cases
    for c in (concluded, answered):
        draft_referral(s, c, body="mp", purpose="prosecutor", actor=staff.officer, summary="x")
        fire(s, c, "refer_to_prosecutor", staff.president, today=date(2026, 3, 12))
    fire(s, concluded, "prosecutor_concluded", staff.officer, today=date(2026, 6, 1),
         outcome="charged", outcome_on="2026-05-28")
    (referral,) = answered.referrals
    fire(s, referral, "send", staff.officer, today=date(2026, 3, 13), sent_on="2026-03-13",
         channel="email")
    fire(s, referral, "answer", staff.officer, today=date(2026, 5, 4), outcome="convicted",
         answered_on="2026-04-30", answer="Condenado.")
    fire(s, opened, "open_proceeding", staff.president, today=date(2026, 3, 12),
         instructor=staff.officer.id)
    p = opened.proceeding
    fire(s, p, "start_instruction", staff.officer, today=date(2026, 3, 13))
    draft_referral(s, p, body="mp", purpose="prosecutor", actor=staff.officer, summary="x")
    fire(s, p, "send_to_prosecutor", staff.president, today=date(2026, 4, 1), reason="Crime.")
    fire(s, p, "prosecutor_took_over", staff.officer, today=date(2026, 5, 6),
         outcome="inquiry_opened", outcome_on="2026-05-04")
    ids = {"c1": concluded.id, "c2": answered.id, "c3": opened.id, "p": p.id}
    db.session.remove()
    downgrade(revision="0011_sessions_access")
    with db.engine.begin() as conn:  # an answer recorded before outcomes were coded and dated
        seq = conn.execute(text("SELECT max(seq) FROM audit_events")).scalar() + 1
        conn.execute(text(
            "INSERT INTO audit_events (seq, subject_type, subject_id, actor_label, role, action, "
            "data, created_at, prev_hash, hash) VALUES (:seq, 'complaint', :c2, 'x', 'officer', "
            "'prosecutor_returned', '{\"note\": \"Arquivado.\"}', '2026-06-02 10:00:00+00', "
            ":h, :h)"), {"seq": seq, "c2": ids["c2"], "h": "0" * 64})
    upgrade()
    query = ("SELECT prosecutor_outcome, prosecutor_outcome_on, closed_by_prosecutor "
             "FROM {} WHERE id = :i")
    with db.engine.connect() as conn:
        def row(table: str, key: str) -> tuple[object, ...]:
            found = conn.execute(text(query.format(table)), {"i": ids[key]}).one()
            return (found[0], str(found[1]) if found[1] else None, bool(found[2]))

        assert row("complaints", "c1") == ("charged", "2026-05-28", True)
        assert row("complaints", "c2") == ("returned", "2026-06-02", False)
        assert row("complaints", "c3") == (None, None, False)
        assert row("proceedings", "p") == ("inquiry_opened", "2026-05-04", True)
    forget_cached_tables()


def test_0016_fills_the_statistics_columns_from_the_audit_log(scratch_app: Flask) -> None:
    """Going down to 0012 drops the columns; coming back up fills the triage outcome and the
    closure days from the audit log's state changes (the day each event was recorded), a
    respondent's decision day from the proceeding's, the victim codes from the victims named."""
    from datetime import UTC, date, datetime

    from cicdr.services.core.actors import ComplainantActor
    from cicdr.services.core.legal_tables import forget_cached_tables
    from cicdr.services.engine.transition import fire
    from cicdr.services.intake.registration import PartyData
    from tests import factories
    from tests.services.test_statistics_columns import _to_closed_proceeding

    upgrade()
    forget_cached_tables()
    s, staff = db.session, factories.staff(db.session)
    victim = PartyData(role="victim", name="Rita", sex="female", victim_kind="individual")
    forwarded, decided, reopened = (factories.complaint(s), factories.complaint(
        s, police=True, victims=[victim]), factories.complaint(s))
    fire(s, forwarded, "start_triage", staff.officer, today=date(2026, 3, 11))
    fire(s, forwarded, "forward", staff.officer, today=date(2026, 3, 12), body="act",
         reason="Relação laboral.")
    p = _to_closed_proceeding(s, staff, decided)
    fire(s, reopened, "withdraw", ComplainantActor(reopened.reference), today=date(2026, 3, 12))
    fire(s, reopened, "accept_withdrawal", staff.president, today=date(2026, 3, 12))
    fire(s, reopened, "reopen", staff.president, today=date(2026, 3, 20), reason="Factos novos.")
    ids = {"c1": forwarded.id, "c2": decided.id, "c3": reopened.id, "p": p.id}
    db.session.remove()
    recorded = datetime.now(UTC).date()  # fire() records events at the real moment
    downgrade(revision="0015_my_work_indexes")
    with db.engine.begin() as conn:  # the forwarded complaint's closing, recorded on 1 July
        seq = conn.execute(text("SELECT max(seq) FROM audit_events")).scalar() + 1
        conn.execute(text(
            "INSERT INTO audit_events (seq, subject_type, subject_id, actor_label, role, action, "
            "from_state, to_state, data, created_at, prev_hash, hash) VALUES (:seq, "
            "'complaint', :c1, 'x', 'system', 'close', 'forwarded', 'closed', '{}', "
            "'2026-07-01 09:00:00+00', :h, :h)"), {"seq": seq, "c1": ids["c1"], "h": "0" * 64})
    upgrade()
    with db.engine.connect() as conn:
        def row(sql: str, key: str) -> tuple[object, ...]:
            found = conn.execute(text(sql), {"i": ids[key]}).one()
            return tuple(str(v) if isinstance(v, date) or (isinstance(v, str) and v[:2] == "20")
                         else v for v in found)

        complaint = ("SELECT triage_outcome, triage_outcome_on, closed_on, victim_kind, "
                     "victim_sex FROM complaints WHERE id = :i")
        today = str(recorded)
        assert row(complaint, "c1") == ("forwarded", today, "2026-07-01", None, None)
        assert row(complaint, "c2") == ("proceeding_opened", today, today, "individual",
                                        "female")
        assert row(complaint, "c3") == (None, None, None, None, None)  # reopened: no outcome
        assert row("SELECT closed_on FROM proceedings WHERE id = :i", "p") == (today,)
        assert row("SELECT decided_on FROM proceeding_respondents WHERE proceeding_id = :i",
                   "p") == ("2026-03-16",)
        assert conn.execute(text("SELECT count(*) FROM vocabulary_terms "
                                 "WHERE vocabulary = 'expression'")).scalar() == 10
    forget_cached_tables()


def test_0017_adds_the_respondent_texts_and_goes_down_keeping_the_respondents(
        scratch_app: Flask) -> None:
    """The texts are new, empty columns on existing respondents; going down drops only them
    (the respondents and the proceeding stay), and coming back up finds them empty."""
    from datetime import date

    from cicdr.services.casework.respondent_texts import write_respondent_texts
    from cicdr.services.engine.transition import fire
    from tests import factories

    upgrade()
    users = factories.staff(db.session)
    c = factories.complaint(db.session)
    fire(db.session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(db.session, c, "open_proceeding", users.president, today=date(2026, 3, 12),
         instructor=users.officer.id)
    p = c.proceeding
    assert p is not None
    (r,) = p.respondents
    write_respondent_texts(db.session, p, users.officer, r.id, {"facts_charged": "Factos."})
    db.session.remove()
    downgrade(revision="0016_statistics_columns")
    with db.engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM proceeding_respondents")).mappings().one()
        assert (row["name"], row["kind"]) == ("Imobiliária Exemplo, Lda.",
                                              "private_legal_person")
        assert "facts_charged" not in row
    upgrade()
    with db.engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM proceeding_respondents")).mappings().one()
        assert row["name"] == "Imobiliária Exemplo, Lda." and row["facts_charged"] is None
        assert row["reasons"] is None


def test_0019_moves_existing_proceedings_to_each_respondents_procedure(
        scratch_app: Flask) -> None:
    """Proceedings built at 0016 in four states keep every date once each respondent has their
    own procedure: the respondents take the proceeding's dates and a stage from its state, the
    day of finality comes from the court's ruling or the day after the appeal term, and the
    defence / appeal deadlines name a respondent (copied once per further respondent). Going
    back down folds them into the proceeding again without losing a date."""
    from datetime import date

    upgrade(revision="0016_statistics_columns")
    with db.engine.begin() as conn:
        def proceeding(number: int, state: str, **dates: str | None) -> int:
            columns = {"reference": f"PCO-2026-{number:04d}", "year": 2026, "number": number,
                       "state": state, "version": 1, "opened_at": "2026-03-12 10:00:00+00",
                       "facts_date": "2026-03-02", "interruptions": "2026-03-20",
                       "suspensions": "", **dates}
            names = ", ".join(columns)
            conn.execute(text(f"INSERT INTO proceedings ({names}) VALUES "  # noqa: S608
                              f"({', '.join(':' + n for n in columns)})"), columns)
            return int(conn.execute(text("SELECT id FROM proceedings WHERE number = :n"),
                                    {"n": number}).scalar_one())

        def respondent(pid: int, name: str, outcome: str | None, amount: str | None = None,
                       paid: str = "0") -> None:
            conn.execute(text(
                "INSERT INTO proceeding_respondents (proceeding_id, name, kind, negligent, "
                "outcome, amount, paid) VALUES (:p, :n, 'natural_person', :f, :o, :a, :paid)"),
                {"p": pid, "n": name, "f": False, "o": outcome, "a": amount, "paid": paid})

        def deadline(pid: int, kind: str, started: str, due: str, ended: str | None,
                     by: str | None) -> None:
            conn.execute(text(
                "INSERT INTO deadlines (kind, started_on, due_on, ended_on, ended_by, "
                "created_at, proceeding_id) VALUES (:k, :s, :d, :e, :b, "
                "'2026-03-12 10:00:00+00', :p)"),
                {"k": kind, "s": started, "d": due, "e": ended, "b": by, "p": pid})

        def final_event(pid: int, seq: int, action: str, data: str, day: str) -> None:
            conn.execute(text(
                "INSERT INTO audit_events (seq, subject_type, subject_id, actor_label, role, "
                "action, from_state, to_state, data, created_at, prev_hash, hash) VALUES "
                "(:seq, 'proceeding', :p, 'x', 'system', :a, 'notified', 'final', :d, :at, "
                ":h, :h)"), {"seq": seq, "p": pid, "a": action, "d": data,
                              "at": f"{day} 09:00:00+00", "h": "0" * 64})

        seq = int(conn.execute(text("SELECT coalesce(max(seq), 0) FROM audit_events"))
                  .scalar_one())
        # 1: defence received, awaiting the decision; one respondent.
        p1 = proceeding(1, "awaiting_decision", accusation_notified_on="2026-04-06",
                        defence_received_on="2026-04-14")
        respondent(p1, "Ana", None)
        deadline(p1, "defence", "2026-04-06", "2026-04-20", "2026-04-14", "record_defence")
        # 2: two respondents, the decision appealed.
        p2 = proceeding(2, "appealed", accusation_notified_on="2026-03-30",
                        decided_on="2026-05-04", decision_notified_on="2026-05-11",
                        appeal_lodged_on="2026-05-20")
        respondent(p2, "Bruno", "fine", "1000.00")
        respondent(p2, "Carla", "admonition")
        deadline(p2, "defence", "2026-03-30", "2026-04-14", "2026-04-20", "close_instruction")
        deadline(p2, "appeal", "2026-05-11", "2026-06-09", "2026-05-20", "record_appeal")
        # 3: the court confirmed a fine, published, partly paid.
        p3 = proceeding(3, "published", accusation_notified_on="2026-03-16",
                        decided_on="2026-04-27", decision_notified_on="2026-04-28",
                        appeal_lodged_on="2026-05-05", court_outcome="confirmed",
                        published_on="2026-10-05")
        respondent(p3, "Duarte", "fine", "1000.00", "400.00")
        final_event(p3, seq + 1, "record_court_outcome",
                    '{"outcome": "confirmed", "ruled_on": "2026-09-30"}', "2026-10-01")
        # 4: a dismissal final when its appeal term lapsed.
        p4 = proceeding(4, "final", accusation_notified_on="2026-03-16", decided_on="2026-04-27",
                        decision_notified_on="2026-05-04")
        respondent(p4, "Eva", "dismissal")
        deadline(p4, "appeal", "2026-05-04", "2026-06-01", "2026-06-03", "become_final")
        final_event(p4, seq + 2, "become_final", "{}", "2026-06-03")
    upgrade()
    with db.engine.connect() as conn:
        def rows(sql: str, pid: int) -> list[tuple[object, ...]]:
            return [tuple(str(v) if isinstance(v, date) else v for v in row)
                    for row in conn.execute(text(sql), {"p": pid})]

        people = ("SELECT name, stage, accusation_notified_on, defence_received_on, "
                  "decision_notified_on, appeal_lodged_on, court_outcome, court_ruled_on, "
                  "final_on, payment_due_on, closed_on, close_reason, interruptions "
                  "FROM proceeding_respondents WHERE proceeding_id = :p ORDER BY id")
        terms = ("SELECT d.kind, d.started_on, d.due_on, d.ended_on, r.name FROM deadlines d "
                 "JOIN proceeding_respondents r ON r.id = d.respondent_id "
                 "WHERE d.proceeding_id = :p ORDER BY d.kind, r.name")
        assert rows(people, p1) == [("Ana", "accused", "2026-04-06", "2026-04-14", None, None,
                                     None, None, None, None, None, None,
                                     "2026-04-06\n2026-04-14")]
        assert rows(terms, p1) == [("defence", "2026-04-06", "2026-04-20", "2026-04-14", "Ana")]
        appealed = ("appealed", "2026-03-30", None, "2026-05-11", "2026-05-20", None, None,
                    None, None, None, None, "2026-03-30\n2026-05-11")
        assert rows(people, p2) == [("Bruno", *appealed), ("Carla", *appealed)]
        assert rows(terms, p2) == [
            ("appeal", "2026-05-11", "2026-06-09", "2026-05-20", "Bruno"),
            ("appeal", "2026-05-11", "2026-06-09", "2026-05-20", "Carla"),
            ("defence", "2026-03-30", "2026-04-14", "2026-04-20", "Bruno"),
            ("defence", "2026-03-30", "2026-04-14", "2026-04-20", "Carla")]
        # Final on the court's ruling day (30 Sep); payment due 10 calendar days later (RGCO
        # art. 88): Sat 10 Oct 2026; EUR 600 still owed, so the respondent is paying.
        assert rows(people, p3) == [("Duarte", "paying", "2026-03-16", None, "2026-04-28",
                                     "2026-05-05", "confirmed", "2026-09-30", "2026-09-30",
                                     "2026-10-10", None, None, "2026-03-16\n2026-04-28")]
        # Final the day after the appeal term's last day (Mon 1 Jun): Tue 2 Jun 2026; a
        # dismissal closes then.
        assert rows(people, p4) == [("Eva", "closed", "2026-03-16", None, "2026-05-04", None,
                                     None, None, "2026-06-02", None, "2026-06-02",
                                     "not_condemnatory", "2026-03-16\n2026-05-04")]
    downgrade(revision="0016_statistics_columns")
    with db.engine.connect() as conn:
        assert conn.execute(text(
            "SELECT count(*) FROM deadlines WHERE proceeding_id = :p"), {"p": p2}).scalar() == 2
        assert [tuple(str(v) if v is not None else None for v in row) for row in conn.execute(
            text("SELECT accusation_notified_on, defence_received_on, decision_notified_on, "
                 "appeal_lodged_on, court_outcome FROM proceedings ORDER BY number"))] == [
            ("2026-04-06", "2026-04-14", None, None, None),
            ("2026-03-30", None, "2026-05-11", "2026-05-20", None),
            ("2026-03-16", None, "2026-04-28", "2026-05-05", "confirmed"),
            ("2026-03-16", None, "2026-05-04", None, None)]
    upgrade()

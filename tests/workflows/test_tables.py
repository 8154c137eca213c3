"""The legal tables are one immutable value: defaults when none is given, any other on demand."""

from __future__ import annotations

import dataclasses
import operator
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from workflows import TransitionDenied, available_triggers, deadlines, referral, sanctions
from workflows.calendar import is_working_day
from workflows.deadlines import due_date
from workflows.prescription import prescription_date
from workflows.spec import Role
from workflows.tables import DEFAULT_TABLES, LegalTables
from workflows.vocabularies import VOCABULARIES, Term, codes, is_active, label

D = Decimal


@dataclass
class Staff:
    id: int
    role: str


@dataclass
class Referral:
    state: str
    body: str
    approved: bool = False
    drafted_by_id: int | None = None
    WORKFLOW: str = "referral"


# -- immutable all the way down ------------------------------------------------------------------


def test_the_default_tables_cannot_be_changed_at_any_depth() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_TABLES.ias = {}  # type: ignore[misc]
    read_only: list[tuple[Any, Any, Any]] = [
        (DEFAULT_TABLES.ias, 2040, D("1")),
        (DEFAULT_TABLES.vocabularies, "x", {}),
        (DEFAULT_TABLES.labels("context"), "x", "X"),
        (DEFAULT_TABLES.inactive, "context", frozenset()),
        (DEFAULT_TABLES.deadline_rules, "defence", None),
        (DEFAULT_TABLES.oversight_body, "psp", "act"),
        (DEFAULT_TABLES.fine_multiples, "natural", (0, 1)),
        (VOCABULARIES, "context", {}),
        (VOCABULARIES["context"], "x", "X"),
        (sanctions.DEFAULT_IAS, 2040, D("1")),
        (deadlines.DEFAULT_RULES, "defence", None),
    ]
    for mapping, key, value in read_only:
        with pytest.raises(TypeError):
            operator.setitem(mapping, key, value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_TABLES.rule("defence").length = 99  # type: ignore[misc]
    assert isinstance(DEFAULT_TABLES.approval_bodies, frozenset)


def test_no_module_of_the_legal_core_reads_the_clock_or_keeps_a_configure_function() -> None:
    for path in Path(__file__).resolve().parents[2].joinpath("workflows").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"date\.today\(|datetime\.now\(|datetime\.utcnow\(", source), path
        assert not re.search(r"def (configure_|load_|reset_|set_ias)", source), path
        assert "global " not in source, path
    with pytest.raises(TypeError, match="never reads the clock"):
        available_triggers(Referral("draft", "act"), Staff(1, Role.OFFICER))


# -- no tables: the defaults ---------------------------------------------------------------------


def test_every_function_without_tables_uses_the_defaults() -> None:
    # 10 working days from Wed 15 April 2026: Thu 16 (1), Fri 17 (2), Mon 20..Fri 24 (3-7),
    # Mon 27 (8), Tue 28 (9), Wed 29 April (10); 25 April falls on a Saturday.
    assert due_date("defence", date(2026, 4, 15)) == date(2026, 4, 29)
    assert due_date("defence", date(2026, 4, 15), tables=DEFAULT_TABLES) == date(2026, 4, 29)
    # IAS 2026 = 537.13: 1x and 10x.
    assert sanctions.fine_bounds(2026, "natural") == (D("537.13"), D("5371.30"))
    assert codes("context") == DEFAULT_TABLES.codes("context")
    assert is_active("district", "faro") and not is_active("district", "atlantis")
    assert label("body", "igai") == "IGAI" and label("body", None, "—") == "—"
    assert referral.needs_approval("igai") and not referral.needs_approval("act")
    assert is_working_day(date(2026, 2, 17))  # Carnival is not a holiday by default


# -- a changed copy changes only the calls that receive it ---------------------------------------


def test_a_longer_deadline_rule_changes_only_the_calls_given_those_tables() -> None:
    longer = DEFAULT_TABLES.with_rule("defence", length=15)
    # 15 working days from Wed 15 April 2026: days 1-10 end on Wed 29 April; Thu 30 (11);
    # Fri 1 May (Labour Day) is skipped; Mon 4 (12), Tue 5 (13), Wed 6 (14), Thu 7 May (15).
    assert due_date("defence", date(2026, 4, 15), tables=longer) == date(2026, 5, 7)
    assert due_date("defence", date(2026, 4, 15)) == date(2026, 4, 29)
    assert DEFAULT_TABLES.rule("defence").length == 10
    assert longer.rule("defence").length == 15 and longer.rule("appeal") == DEFAULT_TABLES.rule(
        "appeal")


def test_a_changed_ias_changes_bounds_and_prescription_only_for_its_tables() -> None:
    low_ias = DEFAULT_TABLES.with_ias(2026, D("240.00"))
    # Natural person, IAS 240.00: 1x = 240.00, 10x = 2,400.00.
    assert sanctions.fine_bounds(2026, "natural", tables=low_ias) == (D("240.00"), D("2400.00"))
    # The maximum 2,400.00 is below EUR 2,493.99 (RGCO art. 27): the period is 1 year, so facts
    # of 3 March 2026 prescribe on 3 March 2027; with the real IAS (max 5,371.30) after 3 years.
    assert prescription_date(date(2026, 3, 3), person="natural",
                             tables=low_ias) == date(2027, 3, 3)
    assert prescription_date(date(2026, 3, 3), person="natural") == date(2029, 3, 3)
    with pytest.raises(ValueError, match="greater than 0"):
        DEFAULT_TABLES.with_ias_table({2030: D("-1")})


def test_the_tables_as_they_were_on_3_march_recompute_an_old_deadline() -> None:
    """An administrator switched `defence` to calendar days until 3 March, then back."""
    on_3_march = DEFAULT_TABLES.with_rule("defence", counting="calendar")
    # Notified Tue 3 March 2026. Then: 10 calendar days, Wed 4 .. Fri 13 March (a working day).
    assert due_date("defence", date(2026, 3, 3), tables=on_3_march) == date(2026, 3, 13)
    # Now: 10 working days, Wed 4, Thu 5, Fri 6, Mon 9..Fri 13, Mon 16, Tue 17 March.
    assert due_date("defence", date(2026, 3, 3)) == date(2026, 3, 17)


def test_holiday_options_travel_with_the_tables() -> None:
    carnival = DEFAULT_TABLES.with_calendar(carnival=True)
    assert not is_working_day(date(2026, 2, 17), tables=carnival)  # Carnival Tuesday 2026
    # From Fri 13 Feb 2026 with Carnival off: Mon 16 (1), Wed 18..Fri 20 (2-4), Mon 23..Fri 27
    # (5-9), Mon 2 March (10).
    assert due_date("defence", date(2026, 2, 13), tables=carnival) == date(2026, 3, 2)
    assert deadlines.working_days_between(date(2026, 2, 13), date(2026, 2, 20),
                                          tables=carnival) == 4


def test_terms_of_the_reference_table_make_new_vocabularies() -> None:
    terms = [Term("context", "nightlife", "Vida noturna", 0),
             Term("context", "labour", "Trabalho", 1, active=False),
             Term("security_force", "psp", "PSP", 0, oversight_body="igsj")]
    changed = DEFAULT_TABLES.with_terms(terms)
    assert codes("context", tables=changed) == ("nightlife",)  # labour inactive
    assert label("context", "labour", tables=changed) == "Trabalho"  # old records keep it
    assert not is_active("context", "labour", tables=changed)
    assert changed.oversight_body_for("psp") == "igsj"
    assert DEFAULT_TABLES.oversight_body_for("psp") == "igai"
    assert "nightlife" not in DEFAULT_TABLES.labels("context")


# -- the engine takes the tables into its context -----------------------------------------------


def test_firing_a_transition_uses_the_tables_for_guards_and_due_dates() -> None:
    wf = referral.WORKFLOW
    today, officer = date(2026, 3, 10), Staff(1, Role.OFFICER)
    data = {"sent_on": date(2026, 3, 2), "channel": "email"}
    record = wf.fire(Referral("draft", "act"), "send", officer, today, data)
    # referral_chaser: 30 calendar days from Mon 2 March 2026 = Wed 1 April.
    assert record.started[0].due == date(2026, 4, 1)
    short = DEFAULT_TABLES.with_rule("referral_chaser", length=10)
    record = wf.fire(Referral("draft", "act"), "send", officer, today, data, tables=short)
    # 10 calendar days from Mon 2 March = Thu 12 March.
    assert record.started[0].due == date(2026, 3, 12)
    strict: LegalTables = DEFAULT_TABLES.with_approval(["act"])
    with pytest.raises(TransitionDenied, match="president must approve"):
        wf.fire(Referral("draft", "act"), "send", officer, today, data, tables=strict)

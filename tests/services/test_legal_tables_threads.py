"""Replacing the legal tables while another thread computes deadlines never shows a mix.

One thread changes the reference data in the database the way an administrator's change does
(rows and the `settings_version` bump in one transaction), back and forth; two others, each
with its own session as a request has, take `current_tables` and compute a due date in a loop.
The old and the new tables differ in three related values (the `defence` length, the Carnival
holiday and the IAS of 2034), and each combination gives another due date, so every observation
must be wholly old or wholly new.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from cicdr.extensions import db
from cicdr.models import IasValue, Setting
from cicdr.services.core.legal_tables import bump_version, current_tables
from workflows.deadlines import due_date

START = date(2027, 2, 5)  # a Friday; Carnival Tuesday 2027 is 9 February (Easter 28 March)
# Old: 10 working days, Carnival worked: Mon 8 (1), Tue 9 (2), Wed 10..Fri 12 (3-5),
# Mon 15..Fri 19 (6-10) -> Fri 19 February.
OLD = (date(2027, 2, 19), False)
# New: 12 working days, Carnival off: Mon 8 (1), Wed 10..Fri 12 (2-4), Mon 15..Fri 19 (5-9),
# Mon 22 (10), Tue 23 (11), Wed 24 (12) -> Wed 24 February.
NEW = (date(2027, 2, 24), True)
# The mixes would give Mon 22 February (10 days, Carnival off) or Tue 23 February (12 days,
# Carnival worked), paired with either IAS answer.
CYCLES = 25


def _write(engine: Engine, new: bool) -> None:
    """One administrator's change: the new tables' rows, or the defaults back; one commit."""
    with Session(engine) as s:
        s.execute(delete(Setting).where(Setting.key.in_(("deadline.defence",
                                                          "calendar.carnival"))))
        s.execute(delete(IasValue).where(IasValue.year == 2034))
        if new:
            s.add_all([Setting(key="deadline.defence",
                               value=json.dumps({"length": 12, "counting": "working"})),
                       Setting(key="calendar.carnival", value=json.dumps(True)),
                       IasValue(year=2034, amount=Decimal("600.00"))])
        bump_version(s)
        s.commit()


class Readers:
    """Threads computing the `defence` due date from the tables in force, over and over."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.seen, self.errors = engine, [], []  # type: ignore[var-annotated]
        self.count, self.done, self.lock = 0, threading.Event(), threading.Lock()

    def run(self) -> None:
        try:
            with Session(self.engine) as s:
                while not self.done.is_set():
                    tables = current_tables(s)
                    seen = (due_date("defence", START, tables=tables), 2034 in tables.ias)
                    s.rollback()  # a request ends; the next one reads afresh
                    with self.lock:
                        self.seen.append(seen)
                        self.count += 1
        except Exception as exc:  # reported by the test, not lost in the thread
            self.errors.append(exc)

    def wait_for_one_more(self, before: int) -> None:
        """Let the readers observe at least once after a change (bounded, never asserted)."""
        limit = time.monotonic() + 30
        while self.count <= before and time.monotonic() < limit and not self.errors:
            time.sleep(0.001)


def test_a_reader_sees_the_old_tables_or_the_new_ones_never_a_mix(session: Any) -> None:
    engine = db.engine
    readers = Readers(engine)
    threads = [threading.Thread(target=readers.run) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for cycle in range(CYCLES * 2):
            before = readers.count
            _write(engine, new=cycle % 2 == 0)
            readers.wait_for_one_more(before)
    finally:
        _write(engine, new=False)
        readers.done.set()
        for t in threads:
            t.join()
    assert readers.errors == []
    assert set(readers.seen) <= {OLD, NEW}, set(readers.seen) - {OLD, NEW}
    assert OLD in readers.seen and NEW in readers.seen  # both tables were in force in turn
    tables = current_tables(session)
    assert (due_date("defence", START, tables=tables), 2034 in tables.ias) == OLD

"""Benchmark: how long a generated letter and an auditor's history PDF take to make.

Builds a throwaway SQLite database under a temp dir, registers one complaint through the real
services and generates its acknowledgement N times (render, WeasyPrint, store, attach, audit,
commit), then renders case histories of growing length. Prints the first call (which loads
WeasyPrint) apart from the median of the warm calls. No limits: numbers to read, not to assert.
"""

from __future__ import annotations

import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402

from cicdr import create_app  # noqa: E402
from cicdr.config import TestConfig  # noqa: E402
from cicdr.extensions import db  # noqa: E402
from cicdr.models import AuditEvent  # noqa: E402
from cicdr.services import documents  # noqa: E402
from cicdr.services.admin.accounts import create_user  # noqa: E402
from cicdr.services.core.actors import ComplainantActor  # noqa: E402
from cicdr.services.core.storage import BlobStore  # noqa: E402
from cicdr.services.intake.registration import NewComplaint, PartyData, submit_complaint  # noqa: E402

LETTERS = 10
HISTORIES = (10, 100, 500)


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def letters(store: BlobStore) -> list[float]:
    officer = create_user(db.session, email="o@bench.pt", name="Officer", role="officer",
                          password=secrets.token_hex(8), fast=True)
    new = NewComplaint(origin="queixa", facts_date=date(2026, 3, 2), district="lisboa",
                       context="housing", grounds=[("racial_ethnic_origin", None)],
                       description="Recusaram arrendar-me a casa quando souberam a minha origem.",
                       respondents=[PartyData(role="respondent", kind="private_legal_person",
                                              name="Imobiliária Exemplo, Lda.")],
                       complainant=PartyData(role="complainant", name="Maria Silva"))
    complaint, _ = submit_complaint(db.session, new, ComplainantActor("pending"), store=store)
    return [timed(lambda: documents.generate(db.session, complaint, "acknowledgement", officer,
                                             store=store)) for _ in range(LETTERS)]


def history(n: int) -> float:
    subject = SimpleNamespace(WORKFLOW="proceeding", reference="PCO-2026-0001", id=1,
                              state="instruction", complaints=[], respondents=[], referrals=[],
                              opened_at=datetime.now(UTC), facts_date=date(2026, 3, 2),
                              decided_on=None)
    events = [AuditEvent(seq=i, subject_type="proceeding", subject_id=1, subject_ref="PCO-1",
                         actor_id=1, actor_label="Officer <o@bench.pt>", role="officer",
                         action="access.view" if i % 3 else "record_evidence",
                         from_state="instruction", to_state="instruction",
                         data='{"summary":"Ouvida a testemunha."}', created_at=datetime.now(UTC),
                         prev_hash="a" * 64, hash="b" * 64) for i in range(1, n + 1)]
    return timed(lambda: documents.history_pdf(subject, events, [], exported_by="Auditor",
                                               exported_at=datetime.now(UTC)))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(TestConfig(f"sqlite:///{tmp}/bench.sqlite3", f"{tmp}/blobs"))
        with app.app_context():
            upgrade()
            took = letters(BlobStore(f"{tmp}/blobs"))
            print(f"acknowledgement: first {took[0] * 1000:.0f} ms (loads WeasyPrint), then "
                  f"median {statistics.median(took[1:]) * 1000:.0f} ms of {LETTERS - 1}")
            for n in HISTORIES:
                print(f"case history of {n} events: {history(n):.2f} s")


if __name__ == "__main__":
    main()

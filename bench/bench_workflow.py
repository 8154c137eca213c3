"""Benchmark: binding records to the shared machine vs. building a machine per record.

stack.md measured ~0.5 ms to build a machine and ~0.14 ms to bind an adapter; this benchmark
re-measures both on this machine, in the same run, for the work a case list or a case page does:
compute the available triggers of N complaints, and fire one trigger on each. It prints the
absolute times and the ratio against the per-record-machine baseline.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transitions import Machine  # noqa: E402

from workflows import available_triggers, complaint  # noqa: E402
from workflows.spec import Role  # noqa: E402

TODAY = date(2026, 11, 23)
N = 500


@dataclass
class Subject:
    state: str = "triage"
    WORKFLOW: str = "complaint"
    is_police_related: bool = False
    has_disciplinary_referral: bool = False
    disciplinary_referral_waived: bool = False
    non_opening_comment_due: date | None = None
    complainant_commented: bool = False
    prosecutor_draft_by: int | None = None
    forwarding_finished: bool = False
    proceeding_finished: bool = False


@dataclass
class User:
    id: int
    role: str


def shared(n: int) -> None:
    officer = User(1, Role.OFFICER)
    for _ in range(n):
        s = Subject()
        available_triggers(s, officer, TODAY)
        complaint.WORKFLOW.fire(s, "request_information", officer, TODAY, {"question": "?"})


def per_record(n: int) -> None:
    """Baseline: a fresh machine per record, as a naive binding would do."""
    wf = complaint.WORKFLOW
    officer = User(1, Role.OFFICER)
    for _ in range(n):
        s = Subject()
        available_triggers(s, officer, TODAY)
        Machine(model=None, states=list(wf.states),
                transitions=[dict(t) for t in wf.transitions], initial=None,
                auto_transitions=True, send_event=True)
        wf.fire(s, "request_information", officer, TODAY, {"question": "?"})


def best_of(fn: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(N)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    shared_best, shared_median = best_of(shared)
    base_best, base_median = best_of(per_record)
    print(f"{N} complaints: available_triggers + fire each")
    print(f"  shared machine + adapter : best {shared_best * 1e3:7.1f} ms "
          f"(median {shared_median * 1e3:.1f}) = {shared_best / N * 1e3:.3f} ms/record")
    print(f"  machine per record (base): best {base_best * 1e3:7.1f} ms "
          f"(median {base_median * 1e3:.1f}) = {base_best / N * 1e3:.3f} ms/record")
    print(f"  ratio shared/baseline    : {shared_best / base_best:.2f}")
    assert complaint.WORKFLOW.machine.models == [], "a model stayed registered"


if __name__ == "__main__":
    main()

"""The worker's loop (`flask cicdr worker`): call one round every N seconds, bounded by a
number of rounds or stopped by Ctrl-C / SIGTERM between two rounds, never in the middle of one
(a round commits mail as sent one by one; a kill mid-round could send one twice).

No Flask here: the command supplies the round (send the outbox, `tick` once a day).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def stopped_by_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` instead of interrupting a round (in the main thread
    only, where Python allows handlers); the previous handlers come back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, lambda _sig, _frame: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run(round_: Callable[[], None], interval: float, rounds: int = 0,
        stop: threading.Event | None = None) -> int:
    """Call `round_` now and then every `interval` seconds until `rounds` rounds are done
    (0: no bound) or `stop` is set (by a signal or another thread); return the rounds done."""
    stop = stop or threading.Event()
    done = 0
    with stopped_by_signals(stop):
        while not stop.is_set():
            round_()
            done += 1
            if rounds and done >= rounds:
                break
            stop.wait(interval)
    return done

"""Benchmark: workflow diagrams, cold and cached (stack.md: first `dot` ~1 s, then ~23 ms).

Run in a fresh process so the first render pays what a freshly started worker pays: building
the diagram machine and the first `dot` call. Then a render with another path (a `dot` call on a
warm system), and the same render again (served from the LRU, no `dot`).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cicdr.services.queries import diagram  # noqa: E402

PATHS = [("received", "triage"), ("received", "triage", "awaiting_information"),
         ("received", "triage", "awaiting_information", "triage"),
         ("received", "triage", "proceeding_opened")]


def timed(workflow: str, path: tuple[str, ...]) -> float:
    start = time.perf_counter()
    assert diagram.render(workflow, path[-1], path) is not None, "Graphviz is unavailable"
    return time.perf_counter() - start


def main() -> None:
    first = timed("complaint", PATHS[0])
    drawn = [timed("complaint", p) for p in PATHS[1:]]
    drawn += [timed("proceeding", ("opened", "instruction")),
              timed("referral", ("draft", "sent"))]
    cached = [timed("complaint", PATHS[0]) for _ in range(1000)]
    print("workflow diagram (SVG)")
    print(f"  first render in this process : {first * 1e3:8.1f} ms (machine + first dot call)")
    print(f"  new (workflow, path) drawn   : {statistics.median(drawn) * 1e3:8.1f} ms median "
          f"of {len(drawn)} (max {max(drawn) * 1e3:.1f})")
    print(f"  cached render                : {statistics.median(cached) * 1e6:8.1f} µs median "
          f"of {len(cached)}")
    ratio = statistics.median(cached) / statistics.median(drawn)
    print(f"  ratio cached/drawn           : {ratio:.4f}")
    print(f"  {diagram.cache_info()}")


if __name__ == "__main__":
    main()

"""The load generator of the floor benchmark, in its own process (loopback only, bounded).

`python bench/load.py CONFIG.json` reads the two servers' addresses and the seeded facts, signs
each client in to the project through the real sign-in form (CSRF on, and the TOTP step when
the account has a second factor and the config gives its secret), then measures the project and
the bare baseline interleaved: round after round, each page gets a batch of requests from the
concurrent clients on one side then on the other (which side goes first alternates), so both
see the same machine load. Every answer must be 200 and hold the expected text. Filing is
measured the same way, a complaint at a time through the 7 steps. Prints JSON: p50/p95 per
page and side, complaints/s per side, and the failures (there must be none).
"""

from __future__ import annotations

import concurrent.futures
import http.cookiejar
import json
import math
import re
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

Client = urllib.request.OpenerDirector
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class BadAnswer(Exception):
    """A page answered something other than 200 with the expected text."""


@dataclass(frozen=True)
class Page:
    """A measured page: its path on each side and a text both answers must contain."""

    name: str
    project: str | None  # None: the project has no such page yet (a slot)
    bare: str
    expect: str


def pages(facts: dict[str, Any]) -> list[Page]:
    """The measured pages, from the seeded facts."""
    def q(value: str) -> str:
        return urllib.parse.quote(value)

    year = date.today().year - 1
    return [
        Page("complaint list", "/staff/cases", "/cases", "QN-"),
        Page("proceeding list", "/staff/cases?kind=proceedings", "/proceedings", "PCO-"),
        Page("search: a word", f"/staff/cases?q={q(facts['word'])}",
             f"/cases?q={q(facts['word'])}", "QN-"),
        Page("search: a name", f"/staff/cases?q={q(facts['name'])}",
             f"/cases?q={q(facts['name'])}", "QN-"),
        Page("search: a reference", f"/staff/cases?q={facts['complaint']}",
             f"/cases?q={facts['complaint']}", facts["complaint"]),
        Page("complaint page", f"/staff/complaints/{facts['complaint']}",
             f"/complaints/{facts['complaint']}", facts["complaint"]),
        Page("proceeding page", f"/staff/proceedings/{facts['proceeding']}",
             f"/proceedings/{facts['proceeding']}", facts["proceeding"]),
        Page("My work", "/staff/my-work", f"/my-work/{facts['officer_id']}", "QN-"),
        Page("statistics of a year",
             f"/staff/statistics.json?from={year}-01-01&to={year}-12-31", f"/statistics/{year}",
             "complaints"),
    ]


def opener() -> Client:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _post(client: Client, url: str, fields: dict[str, str]) -> tuple[str, str]:
    """POST a form; (the address landed on after redirects, the page)."""
    with client.open(url, data=urllib.parse.urlencode(fields).encode()) as response:
        return response.geturl(), response.read().decode()


def _token(page: str) -> str:
    found = CSRF.search(page)
    if not found:
        raise BadAnswer("no CSRF token on the form")
    return found.group(1)


def sign_in(base: str, email: str, password: str, totp_secret: str | None = None) -> Client:
    """A client signed in through the real sign-in form (and the code step when enrolled)."""
    client = opener()
    token = _token(client.open(f"{base}/staff/login").read().decode())
    landed, page = _post(client, f"{base}/staff/login",
                         {"csrf_token": token, "email": email, "password": password})
    if landed.endswith("/staff/login/code") and totp_secret:
        import pyotp

        landed, page = _post(client, landed, {"csrf_token": _token(page),
                                              "code": pyotp.TOTP(totp_secret).now()})
    if not landed.endswith("/staff/my-work"):
        raise BadAnswer(f"sign-in of {email} landed on {landed}")
    return client


def fetch(client: Client, url: str, expect: str) -> float:
    """One GET: its latency in seconds; BadAnswer unless 200 with `expect` in the body."""
    start = time.perf_counter()
    try:
        with client.open(url) as response:
            body = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as exc:
        raise BadAnswer(f"{url}: HTTP {exc.code}") from exc
    elapsed = time.perf_counter() - start
    if status != 200 or expect not in body:
        raise BadAnswer(f"{url}: HTTP {status}, {expect!r} not in the answer")
    return elapsed


def spread(clients: list[Any], count: int, work: Callable[[Any], Any]) -> tuple[list[Any], float]:
    """`count` calls of `work(client)`, shared among the clients running concurrently (each
    client in its own thread, one call after another); (results, seconds)."""
    share = [count // len(clients) + (i < count % len(clients)) for i in range(len(clients))]

    def run(i: int) -> list[Any]:
        return [work(clients[i]) for _ in range(share[i])]

    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(len(clients)) as pool:
        results = [r for part in pool.map(run, range(len(clients))) for r in part]
    return results, time.perf_counter() - start


def filing_steps() -> list[tuple[str, dict[str, str]]]:
    """The 7 steps of the public complaint form with valid answers."""
    facts_day = (date.today() - timedelta(days=30)).isoformat()
    return [
        ("about-you", {"complainant_type": "victim", "name": "Ana Bench",
                       "contact_channel": "email", "email": "ana@example.org",
                       "preferred_language": "pt"}),
        ("what-happened", {"facts_date": facts_day, "district": "lisboa",
                           "context": "commerce", "practice": "a",
                           "description": "Recusaram servir-me por ser cigana."}),
        ("why", {"grounds": "racial_ethnic_origin",
                 "expression_racial_ethnic_origin": "cigana"}),
        ("who-did-it", {"respondents-0-kind": "private_legal_person",
                        "respondents-0-name": "Loja"}),
        ("people", {}),
        ("evidence", {}),
        ("review", {"consent": "y", "nav": "submit"}),
    ]


def file_one(base: str, project: bool) -> int:
    """One complaint through the 7 steps (a fresh visitor); the number of requests made."""
    client = opener()
    first = "/complaint/about-you" if project else "/file/about-you"
    page = client.open(base + first).read().decode()
    token = _token(page) if project else ""
    for step, data in filing_steps():
        path = f"/complaint/{step}" if project else f"/file/{step}"
        landed, _ = _post(client, base + path, {"csrf_token": token, "nav": "next", **data})
    if not landed.endswith("/complaint/done" if project else "/file/done"):
        raise BadAnswer(f"filing ended on {landed}")
    return 1 + 2 * len(filing_steps())  # each POST redirects to a GET


def note(message: str) -> None:
    """Progress on stderr (the JSON answer goes to stdout)."""
    print(f"  load: {message}", file=sys.stderr, flush=True)


def percentiles(samples: list[float]) -> dict[str, Any]:
    """p50 and p95 in ms (nearest rank) and the number of samples."""
    ordered = sorted(samples)

    def rank(p: int) -> float:
        return round(ordered[max(0, math.ceil(len(ordered) * p / 100) - 1)] * 1e3, 2)

    return {"p50_ms": rank(50), "p95_ms": rank(95), "n": len(ordered)}


@dataclass
class Side:
    """One server as the load generator sees it: its address and its clients."""

    name: str
    base: str
    clients: list[Client]


def _batch(side: Side, path: str, expect: str, count: int, out: list[float],
           failures: list[str]) -> None:
    """`count` GETs of `path` on `side`; latencies appended to `out`, failures noted."""
    try:
        latencies, _ = spread(side.clients, count,
                              lambda c: fetch(c, side.base + path, expect))
        out.extend(latencies)
    except BadAnswer as exc:
        failures.append(f"{side.name}: {exc}")


def _sides(config: dict[str, Any]) -> tuple[Side, Side]:
    facts, n = config["facts"], config["clients"]
    project = Side("project", config["project"], [
        sign_in(config["project"], facts["officer"], config["password"],
                config.get("totp_secret")) for _ in range(n)])
    return project, Side("bare", config["bare"], [opener() for _ in range(n)])


def measure_pages(config: dict[str, Any], sides: tuple[Side, Side],
                  failures: list[str]) -> dict[str, Any]:
    """p50/p95 per page and side, rounds interleaving the sides, within the time budget."""
    measured = pages(config["facts"])
    samples: dict[tuple[str, str], list[float]] = {}
    deadline = time.perf_counter() + config["seconds"]
    for page in measured:  # warm up: one answer each, not counted (checked all the same)
        for side in sides:
            path = page.project if side.name == "project" else page.bare
            if path is not None:
                _batch(side, path, page.expect, 1, [], failures)
    for round_ in range(config["rounds"]):
        if round_ and time.perf_counter() > deadline:
            break
        for page in measured:
            for side in sides if round_ % 2 == 0 else sides[::-1]:
                path = page.project if side.name == "project" else page.bare
                if path is not None:
                    _batch(side, path, page.expect, config["batch"],
                           samples.setdefault((page.name, side.name), []), failures)
        note(f"round {round_ + 1}/{config['rounds']} of the pages done")
    return {p.name: {s.name: percentiles(samples[p.name, s.name])
                     if samples.get((p.name, s.name)) else None for s in sides}
            for p in measured}


def measure_filing(config: dict[str, Any], failures: list[str]) -> dict[str, Any]:
    """Complaints per second through the 7 steps on each side, rounds interleaved."""
    totals = {"project": [0, 0, 0.0], "bare": [0, 0, 0.0]}  # complaints, requests, seconds
    clients = list(range(config["clients"]))
    for round_ in range(config["filing_rounds"]):
        for name in ("project", "bare") if round_ % 2 == 0 else ("bare", "project"):
            try:
                made, seconds = spread(clients, config["filings"],
                                       lambda _, n=name: file_one(config[n], n == "project"))
            except (BadAnswer, urllib.error.HTTPError) as exc:
                failures.append(f"{name} filing: {exc}")
                continue
            note(f"filing round {round_ + 1}/{config['filing_rounds']}: {name} done")
            total = totals[name]
            total[0], total[1], total[2] = total[0] + len(made), total[1] + sum(made), \
                total[2] + seconds
    return {name: {"complaints": c, "requests": r, "seconds": round(s, 3),
                   "per_s": round(c / s, 2) if s else None}
            for name, (c, r, s) in totals.items()}


def run(config: dict[str, Any]) -> dict[str, Any]:
    """Everything the load generator measures, with the failures seen."""
    failures: list[str] = []
    sides = _sides(config)
    started = time.perf_counter()
    result = {"pages": measure_pages(config, sides, failures),
              "filing": measure_filing(config, failures)}
    return {**result, "failures": failures, "clients": config["clients"],
            "seconds": round(time.perf_counter() - started, 1)}


if __name__ == "__main__":
    with open(sys.argv[1]) as handle:
        print(json.dumps(run(json.load(handle))))

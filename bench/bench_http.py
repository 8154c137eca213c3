"""HTTP benchmark of the staff pages under real load, against a baseline page in the same run.

Builds a throwaway SQLite database under a temp dir (migrations + the 300-complaint demo), serves
it with gunicorn (2 workers) on 127.0.0.1, signs in as an officer through the real login form
(CSRF on), then sends a bounded number of requests from 4 client threads to each page. The
baseline is the public landing page (a template, no database work), fetched anonymously; each
staff page is reported with its throughput ratio to it.
"""

from __future__ import annotations

import concurrent.futures
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
REQUESTS_PER_PAGE = 400
THREADS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(env: dict[str, str]) -> None:
    for args in (["db", "upgrade"], ["cicdr", "seed-demo"]):
        subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def sign_in(base: str, email: str = "officer@demo.cicdr.pt",
            password: str = "demo-cicdr-2026",  # noqa: S107 - the documented demo password
            ) -> urllib.request.OpenerDirector:
    """A client signed in through the real login form (CSRF on)."""
    client = opener()
    page = client.open(f"{base}/staff/login").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    data = urllib.parse.urlencode({"csrf_token": token.group(1), "email": email,
                                   "password": password}).encode()
    landed = client.open(f"{base}/staff/login", data=data).geturl()
    assert landed.endswith("/staff/my-work"), landed
    return client


def load(client: urllib.request.OpenerDirector, url: str,
         requests: int = REQUESTS_PER_PAGE) -> tuple[float, list[float]]:
    """Requests per second and each request's latency, `requests` from THREADS threads."""
    def one(_: int) -> float:
        start = time.perf_counter()
        with client.open(url) as response:
            response.read()
            assert response.status == 200
        return time.perf_counter() - start

    one(0)  # warm up
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        latencies = list(pool.map(one, range(requests)))
    return requests / (time.perf_counter() - start), latencies


FILINGS = 60  # complaints filed through the whole form, by THREADS clients
STEPS = [
    ("about-you", {"complainant_type": "victim", "name": "Ana Bench", "contact_channel": "email",
                   "email": "ana@example.org", "preferred_language": "pt"}),
    ("what-happened", {"facts_date": "2026-10-30", "district": "lisboa", "context": "commerce",
                       "practice": "a", "description": "Recusaram servir-me por ser cigana."}),
    ("why", {"grounds": "racial_ethnic_origin", "expression_racial_ethnic_origin": "cigana"}),
    ("who-did-it", {"respondents-0-kind": "private_legal_person",
                    "respondents-0-name": "Loja"}),
    ("people", {}),
    ("evidence", {}),
    ("review", {"consent": "y", "nav": "submit"}),
]


def file_one(base: str) -> tuple[float, int]:
    """One complaint through every step of the form (CSRF on); returns (seconds, requests)."""
    client = opener()
    start = time.perf_counter()
    page = client.open(f"{base}/complaint/about-you").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token, "no CSRF token on the form"
    for step, data in STEPS:
        body = urllib.parse.urlencode({"csrf_token": token.group(1), "nav": "next", **data})
        with client.open(f"{base}/complaint/{step}", data=body.encode()) as response:
            response.read()
            landed = response.geturl()
    assert landed.endswith("/complaint/done"), landed
    return time.perf_counter() - start, len(STEPS) * 2 + 1  # each POST redirects to a GET


def filing(base: str) -> tuple[float, list[float], float]:
    """Requests per second while filing, per-complaint latencies, complaints per second."""
    file_one(base)  # warm up
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda _: file_one(base), range(FILINGS)))
    elapsed = time.perf_counter() - start
    return sum(n for _, n in results) / elapsed, [t for t, _ in results], FILINGS / elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        env = {**os.environ, "FLASK_APP": "wsgi.py", "CICDR_INSTANCE": tmp,
               "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "SECRET_KEY": "bench-only",
               "CICDR_COMPLAINT_LIMIT": "100000 per hour",
               "CICDR_SECURE_COOKIES": "0"}  # plain HTTP on loopback: cookies without Secure
        prepare(env)
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/staff/login", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            client = sign_in(base)
            listing = client.open(f"{base}/staff/cases?kind=proceedings").read().decode()
            proceeding = re.search(r'href="(/staff/proceedings/PCO-[^"]+)"', listing).group(1)
            listing = client.open(f"{base}/staff/cases").read().decode()
            complaint = re.search(r'href="(/staff/complaints/QN-[^"]+)"', listing).group(1)
            anonymous = opener()
            pages = [("baseline: landing page", "/"),
                     ("my work (officer)", "/staff/my-work"),
                     ("complaint list (50 rows)", "/staff/cases"),
                     ("proceeding list", "/staff/cases?kind=proceedings"),
                     ("complaint page", complaint), ("proceeding page", proceeding)]
            print(f"{REQUESTS_PER_PAGE} requests per page, {THREADS} client threads, "
                  "gunicorn 2 workers, SQLite, 300 demo complaints")
            baseline = None
            for label, path in pages:
                rate, lat = load(anonymous if path == "/" else client, base + path)
                baseline = baseline or rate
                p95 = statistics.quantiles(lat, n=20)[18]
                print(f"  {label:<26} {rate:7.1f} req/s  p50 {statistics.median(lat)*1e3:6.1f} ms"
                      f"  p95 {p95*1e3:6.1f} ms  throughput ratio to baseline {rate/baseline:.2f}")
            assert baseline is not None
            rate, lat, per_second = filing(base)
            print(f"  {'filing (7 steps, 15 req)':<26} {rate:7.1f} req/s  "
                  f"{per_second:5.1f} complaints/s  p50 {statistics.median(lat)*1e3:6.1f} ms "
                  f"per complaint  throughput ratio to baseline {rate/baseline:.2f}")
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()

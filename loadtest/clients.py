"""The load test's HTTP clients (loopback only): complainants filing through the real form with
a file, and officers firing transitions on shared cases. Standard library only.

Every request is retried on a connection error or a 5xx (a worker killed, the database
restarting): `Tally` counts what the clients saw, so the report can say how many requests were
refused meanwhile and that every receipt the clients got stands for a complaint kept whole.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
REFERENCE = re.compile(r'id="reference">([A-Z]+-\d{4}-\d+)<')
RETRIES = 60  # a request is tried for about a minute (backing off) before the client gives up


class GaveUp(Exception):
    """A request kept failing for longer than a client waits."""


@dataclass
class Tally:
    """What the clients saw, shared among threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: dict[str, int] = field(default_factory=dict)
    receipts: list[dict[str, str]] = field(default_factory=list)
    successes: dict[str, int] = field(default_factory=dict)  # per case reference
    gave_up: int = 0

    def saw(self, what: str) -> None:
        with self.lock:
            self.statuses[what] = self.statuses.get(what, 0) + 1


class Client:
    """A browser: cookies kept, redirects followed, retries on errors."""

    def __init__(self, base: str, tally: Tally) -> None:
        self.base, self.tally = base, tally
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path: str, data: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, final URL, body); 4xx are answers, 5xx and dropped connections retried."""
        for attempt in range(RETRIES):
            req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
            try:
                with self.opener.open(req, timeout=30) as response:
                    self.tally.saw(str(response.status))
                    return response.status, response.geturl(), response.read().decode()
            except urllib.error.HTTPError as exc:
                self.tally.saw(str(exc.code))
                if exc.code < 500:
                    return exc.code, exc.geturl(), exc.read().decode(errors="replace")
            except (OSError, urllib.error.URLError):
                self.tally.saw("connection error")
            time.sleep(min(2.0, 0.1 * (attempt + 1)))
        raise GaveUp(path)

    def form(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        return self.request(path, urllib.parse.urlencode(fields).encode())

    def token(self, path: str) -> str:
        status, _url, page = self.request(path)
        found = CSRF.search(page)
        if status != 200 or not found:
            raise GaveUp(f"no form at {path} ({status})")
        return found.group(1)


def _multipart(fields: dict[str, str], name: str, filename: str,
               data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
             .encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                 f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
                 + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


def _steps(token: str) -> list[tuple[str, dict[str, str]]]:
    facts_day = (date.today() - timedelta(days=30)).isoformat()
    return [
        ("about-you", {"complainant_type": "victim", "name": "Ana Carga",
                       "contact_channel": "portal", "preferred_language": "pt"}),
        ("what-happened", {"facts_date": facts_day, "district": "lisboa", "context": "commerce",
                           "practice": "a", "description": f"Recusaram servir-me. {token}"}),
        ("why", {"grounds": "racial_ethnic_origin",
                 "expression_racial_ethnic_origin": "cigana"}),
        ("who-did-it", {"respondents-0-kind": "private_legal_person",
                        "respondents-0-name": "Loja"}),
        ("people", {}),
    ]


def file_complaint(base: str, tally: Tally) -> None:
    """One complaint through the 7 steps with one PDF; its receipt goes in the tally."""
    client, token = Client(base, tally), uuid.uuid4().hex
    csrf = client.token("/complaint/about-you")
    for step, fields in _steps(token):
        client.form(f"/complaint/{step}", {"csrf_token": csrf, "nav": "next", **fields})
    pdf = b"%PDF-1.4\n% " + token.encode() + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    body, boundary = _multipart({"csrf_token": csrf, "nav": "next"}, "files", "prova.pdf", pdf)
    client.request("/complaint/evidence", body,
                   {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    status, url, page = client.form("/complaint/review",
                                    {"csrf_token": csrf, "consent": "y", "nav": "submit"})
    found = REFERENCE.search(page)
    if status == 200 and url.endswith("/complaint/done") and found:
        import hashlib

        with tally.lock:
            tally.receipts.append({"reference": found.group(1), "token": token,
                                   "sha256": hashlib.sha256(pdf).hexdigest()})
    else:
        tally.saw(f"filing not completed ({status})")


def sign_in(base: str, tally: Tally, email: str, password: str, secret: str) -> Client:
    """Through the real sign-in form, then the second-factor code step."""
    import pyotp

    client = Client(base, tally)
    csrf = client.token("/staff/login")
    _status, url, page = client.form("/staff/login", {"csrf_token": csrf, "email": email,
                                                      "password": password})
    if url.endswith("/staff/login/code"):
        found = CSRF.search(page)
        _status, url, page = client.form("/staff/login/code", {
            "csrf_token": found.group(1) if found else "", "code": pyotp.TOTP(secret).now()})
    if "/staff/login" in url:
        raise GaveUp(f"sign-in of {email} ended on {url} ({_status}): "
                      + " ".join(re.findall(r"class=\"[a-z -]*error[a-z -]*\"[^>]*>([^<]+)", page)))
    return client


VERSION = re.compile(r'name="assign-version" type="hidden" value="(\d+)"')
ASSIGN_CSRF = re.compile(r'name="assign-csrf_token" type="hidden" value="([^"]+)"')


def assign_to_self(client: Client, reference: str, officer_id: int) -> None:
    """Read the case (its version), then assign it to oneself with that version: 302 is a
    success (counted), 409/422 a refusal (stale version, or already one's own)."""
    status, _url, page = client.request(f"/staff/complaints/{reference}")
    found = VERSION.search(page)
    csrf = ASSIGN_CSRF.search(page)
    if status != 200 or not found or not csrf:
        client.tally.saw("case page without the assign form")
        if os.environ.get("LOAD_DEBUG"):
            print(status, page[page.find('id="actions"'):][:3000], file=sys.stderr)
        return
    status, url, _page = client.form(
        f"/staff/complaints/{reference}/actions/assign",
        {"assign-csrf_token": csrf.group(1), "assign-version": found.group(1),
         "assign-assignee": str(officer_id)})
    if status == 200 and url.endswith(f"/staff/complaints/{reference}"):
        with client.tally.lock:
            client.tally.successes[reference] = client.tally.successes.get(reference, 0) + 1


def run_for(seconds: float, workers: list[Any]) -> None:
    """Run each callable repeatedly in its own thread until `seconds` have passed."""
    deadline = time.monotonic() + seconds

    def loop(work: Any, tally: Tally) -> None:
        while time.monotonic() < deadline:
            try:
                work()
            except GaveUp:
                with tally.lock:
                    tally.gave_up += 1

    threads = [threading.Thread(target=loop, args=w, daemon=True) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 180)

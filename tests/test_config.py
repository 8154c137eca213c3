"""Cookie flags: `Secure` in production by default, off only for the demo, debug and tests."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from cicdr import create_app
from cicdr.config import Config, TestConfig

ENV = ("CICDR_SECURE_COOKIES", "CICDR_DEMO", "FLASK_DEBUG")


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setenv("SECRET_KEY", "config-test")  # no instance/secret_key written
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _flags(config: Any) -> tuple[bool, bool, bool, str]:
    return (config.SESSION_COOKIE_SECURE, config.REMEMBER_COOKIE_SECURE,
            config.SESSION_COOKIE_HTTPONLY, config.SESSION_COOKIE_SAMESITE)


def test_production_cookies_are_secure_by_default(env: pytest.MonkeyPatch) -> None:
    assert _flags(Config()) == (True, True, True, "Lax")


@pytest.mark.parametrize(("name", "value"), [("CICDR_DEMO", "1"), ("FLASK_DEBUG", "1"),
                                             ("CICDR_SECURE_COOKIES", "0")])
def test_the_demo_debug_or_an_explicit_no_serve_plain_http(env: pytest.MonkeyPatch, name: str,
                                                          value: str) -> None:
    env.setenv(name, value)
    assert _flags(Config()) == (False, False, True, "Lax")


def test_an_explicit_yes_wins_over_the_demo(env: pytest.MonkeyPatch) -> None:
    env.setenv("CICDR_DEMO", "1")
    env.setenv("CICDR_SECURE_COOKIES", "1")
    assert _flags(Config())[:2] == (True, True)
    env.setenv("FLASK_DEBUG", "0")  # debug off is not the demo either
    env.delenv("CICDR_DEMO")
    env.delenv("CICDR_SECURE_COOKIES")
    assert _flags(Config())[:2] == (True, True)


def test_the_test_configuration_speaks_plain_http(env: pytest.MonkeyPatch, tmp_path: Any) -> None:
    assert _flags(TestConfig("sqlite://", str(tmp_path)))[:2] == (False, False)


def test_a_production_app_sets_the_session_cookie_secure_and_httponly(
        env: pytest.MonkeyPatch, app: Flask, tmp_path: Any) -> None:
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    config.BLOB_DIR = str(tmp_path)
    config.WTF_CSRF_ENABLED = False
    production = create_app(config)
    response = production.test_client().get("/?lang=en")  # choosing a language sets the session
    cookie = response.headers.get("Set-Cookie", "")
    assert cookie.startswith("session=") and "; Secure" in cookie and "; HttpOnly" in cookie

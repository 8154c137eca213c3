"""A complainant who filed in Nepali follows the complaint in Chromium (issue 15, parts 4 and 7):
CICDR's question with its answer-by date, their answer, then where CICDR forwarded the complaint
(the body named, with its website); another reads the Commission's final decision. Every page in
Nepali (the language they filed in, although the browser asks for English), without a serious
axe finding, and fitting a 320 px screen. The keyboard alone signs in and answers."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from babel.support import Translations
from playwright.sync_api import expect

from cicdr.models import Complaint
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import hash_access_code
from cicdr.views.portal import follow_words
from tests import decisions, factories
from tests.e2e.test_accessibility import check

pytestmark = pytest.mark.browser
CODE = "ABCDE-FGHJK-LMNPQ-RSTUV"
DEVANAGARI = re.compile("[\u0900-\u097f]{3,}")


def ne(msgid: str) -> str:
    """The Nepali of a portal msgid; the test fails if the catalogue lacks it."""
    catalogue = Translations.load(str(Path(__file__).resolve().parents[2] / "cicdr" /
                                      "translations"), ["ne"])
    found = catalogue._catalog.get(msgid)
    assert found, f"no Nepali for {msgid!r}"
    return str(found)


def with_code(session: Any, complaint: Complaint) -> Complaint:
    """A known access code (the factories do not return the one they made)."""
    complaint.access_code_hash = hash_access_code(CODE)
    session.commit()
    return complaint


def sign_in(page: Any, complaint: Complaint) -> None:
    """Reference and code typed, the form sent with Enter; the case page in Nepali."""
    page.goto("/follow")
    page.locator("#reference").focus()
    page.keyboard.type(complaint.reference)
    page.keyboard.press("Tab")
    page.keyboard.type(CODE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/follow/case$"))
    expect(page.locator("html")).to_have_attribute("lang", "ne")


def checked(page: Any, problems: dict[str, list[str]], name: str) -> None:
    """No serious axe finding at 1100 and at 320 px, nothing wider than the small screen, and
    Nepali words (not English ones) in the page's main text."""
    main = page.locator("main").inner_text()
    if not DEVANAGARI.search(main) or re.search(r"\b(?:the|your|will|has been)\b", main):
        problems[f"{name}: not Nepali"] = [main[:300]]
    check(page, problems)
    page.set_viewport_size({"width": 320, "height": 800})
    check(page, problems, width=320)
    page.set_viewport_size({"width": 1100, "height": 900})


def test_a_nepali_complainant_answers_the_question_then_reads_where_it_was_forwarded(
        page: Any, session: Any, users: Any) -> None:
    c = with_code(session, factories.complaint(session, today=date(2026, 3, 10),
                                               context="labour", language="ne"))
    fire(session, c, "start_triage", users.officer, today=date(2026, 3, 11))
    fire(session, c, "request_information", users.officer, today=date(2026, 3, 12),
         question="Em que empresa trabalha?")
    problems: dict[str, list[str]] = {}

    sign_in(page, c)
    question = page.locator("section[aria-labelledby=request]")
    expect(question.locator("blockquote")).to_have_text("Em que empresa trabalha?")
    # 10 working days to answer, counted from the day after Thursday 12 March 2026: Fri 13
    # (1), Mon 16 - Fri 20 (2-6), Mon 23 - Thu 26 (7-10); no holiday between: Thursday 26 March.
    answer_by = ne("Please answer by %(date)s.") % {
        "date": format_date(date(2026, 3, 26), "medium", locale="ne")}
    expect(page.locator("p.deadline")).to_have_text(answer_by)
    checked(page, problems, "question")

    answer = question.locator("textarea")
    answer.focus()
    page.keyboard.type("Trabalho na Limpezas Exemplo, Lda., em Setúbal.")
    page.keyboard.press("Tab")  # to the Send button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("section[aria-labelledby=request]")).to_have_count(0)
    session.expire_all()
    assert c.state == "triage"

    # CICDR forwards the complaint to the labour inspectorate; the complainant comes back.
    fire(session, c, "forward", users.officer, today=date(2026, 3, 20), body="act",
         reason="Relação laboral: competência da ACT.")
    page.reload()
    sent = page.locator("section[aria-labelledby=sent-to]")
    expect(sent.locator("h2")).to_have_text(ne("Where your complaint was sent"))
    expect(sent).to_contain_text("Autoridade para as Condições do Trabalho (ACT)")
    expect(sent).to_contain_text(ne(str(follow_words.BODY_ROLES["act"]._args[0])))
    expect(sent.locator("a")).to_have_attribute("href", "https://www.act.gov.pt/")
    expect(page.locator("#next + p")).to_have_text(
        ne(str(follow_words.NEXT_STEPS["forwarded"]._args[0])))
    expect(page.locator("main")).not_to_contain_text("competência da ACT")  # internal reason
    checked(page, problems, "forwarded")
    assert problems == {}


def test_a_nepali_complainant_reads_the_final_decision(page: Any, session: Any,
                                                       users: Any) -> None:
    p = decisions.final(session, users, date(2026, 3, 2), [decisions.company()],
                        [decisions.ADMONITION], language="ne")
    (c,) = p.complaints
    with_code(session, c)
    problems: dict[str, list[str]] = {}

    sign_in(page, c)
    ended = page.locator("section[aria-labelledby=decision]")
    expect(ended.locator("h2")).to_have_text(ne("How the proceeding ended"))
    expect(ended).to_contain_text(ne("CICDR's decision is final:"))
    expect(ended.locator("ul.decisions li")).to_have_text(
        ne(str(follow_words.DECISIONS["admonition"]._args[0])))
    expect(page.locator("main")).not_to_contain_text(decisions.COMPANY_NAME)
    checked(page, problems, "decision")
    assert problems == {}

"""The complaint form helps: distinct labels, errors on the field itself, shown maximum lengths,
plausible dates, an old page after Back that explains itself, isolated user text in Arabic, the
ethnic-profiling option and the note on workplace complaints."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from cicdr.extensions import limiter
from cicdr.models import Complaint, ComplaintDraft
from tests.web.test_complaint_form import ABOUT, FACTS, errors, fill, post, submit


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    limiter.reset()


def html(response: Any) -> str:
    return str(response.get_data(as_text=True))


def mark(page: str) -> str:
    found = re.search(r'name="draft" value="([0-9a-f]*)"', page)
    assert found is not None
    return found.group(1)


def test_the_six_reasons_have_six_distinct_labels(client: FlaskClient) -> None:
    page = html(client.get("/complaint/why?lang=en"))
    labels = [(f, text) for f, text in
              re.findall(r'<label for="(expression_[a-z_]+)">([^<]+)</label>', page)
              if f != "expression_code"]  # the coded expression (issue 13), not own words
    assert len(labels) == 6
    assert len({text for _for, text in labels}) == 6
    assert ("expression_colour", "Your words about skin colour (optional)") in labels


def test_every_text_field_shows_its_maximum_length(client: FlaskClient) -> None:
    page = html(client.get("/complaint/what-happened?lang=en"))
    assert re.search(r'<textarea[^>]*maxlength="20000"[^>]*name="description"', page)
    assert '<p class="hint" id="description-limit">Up to 20,000 characters.</p>' in page
    assert re.search(r'aria-describedby="description-hint description-limit"', page)
    assert re.search(r'<input[^>]*maxlength="200"[^>]*name="place"', page)
    about = html(client.get("/complaint/about-you?lang=en"))
    for name, most in (("name", 200), ("email", 254), ("phone", 40), ("address", 500)):
        assert re.search(rf'maxlength="{most}"[^>]*name="{name}"', about), name
        assert f'id="{name}-limit"' in about


def test_a_description_too_long_is_refused_with_its_text_kept(client: FlaskClient) -> None:
    post(client, "about-you", ABOUT)
    long_text = "Recusaram-me a entrada. " * 834  # 24 characters x 834 = 20,016 > 20,000
    response = post(client, "what-happened?lang=en", {**FACTS, "description": long_text})
    assert response.status_code == 422
    assert errors(response) == ["The description is too long (at most 20,000 characters)."]
    page = html(response)
    assert long_text.strip() in page  # what was typed is kept, to shorten it
    assert re.search(r'<textarea[^>]*aria-invalid="true"[^>]*name="description"', page)
    assert '<a href="#description">' in page  # the summary leads to the field


@pytest.mark.parametrize(("typed", "message"), [
    ("1900-01-01", "The date of the facts cannot be before Jan 1, 2000. Check the year."),
    ((date.today() + timedelta(days=1)).isoformat(),
     "The date of the facts cannot be in the future."),
])
def test_implausible_dates_are_refused_with_the_date_kept(client: FlaskClient, typed: str,
                                                          message: str) -> None:
    post(client, "about-you", ABOUT)
    response = post(client, "what-happened?lang=en", {**FACTS, "facts_date": typed})
    assert response.status_code == 422 and errors(response) == [message]
    page = html(response)
    assert re.search(rf'<input[^>]*aria-invalid="true"[^>]*name="facts_date"[^>]*'
                     rf'value="{typed}"', page)
    assert 'min="2000-01-01"' in page


def test_the_earliest_date_is_configurable(app: Flask, client: FlaskClient) -> None:
    post(client, "about-you", ABOUT)
    app.config["EARLIEST_FACTS_DATE"] = "2015-01-01"
    try:
        response = post(client, "what-happened?lang=en", {**FACTS, "facts_date": "2014-12-31"})
    finally:
        app.config["EARLIEST_FACTS_DATE"] = "2000-01-01"
    assert errors(response) == ["The date of the facts cannot be before Jan 1, 2015. "
                                "Check the year."]
    assert post(client, "what-happened", {**FACTS, "facts_date": "2014-12-31"}).status_code \
        == 302


def test_an_old_page_sent_again_after_filing_explains_itself(client: FlaskClient,
                                                             session: Any) -> None:
    fill(client)
    old = mark(html(client.get("/complaint/review")))
    assert submit(client).status_code == 302
    again = post(client, "review?lang=en", {"consent": "y", "draft": old}, nav="submit")
    assert again.status_code == 409
    page = html(again)
    reference = session.scalar(select(Complaint.reference))
    assert f"Your complaint was already sent: its reference is <bdi>{reference}</bdi>." in page
    assert 'href="/complaint/done"' in page
    assert session.scalar(select(func.count(Complaint.id))) == 1  # nothing filed twice
    back = html(client.get("/complaint/review?lang=en"))  # Back, fetched again: no Send there
    assert "This page is no longer current" in back and 'value="submit"' not in back
    # A new page of the form (no mark of the old draft) starts a new complaint as usual.
    fresh = html(client.get("/complaint/about-you"))
    assert mark(fresh) == ""
    assert post(client, "about-you", ABOUT).status_code == 302


def test_an_old_page_of_an_expired_draft_explains_itself(client: FlaskClient,
                                                         session: Any) -> None:
    post(client, "about-you", ABOUT)
    old = mark(html(client.get("/complaint/what-happened")))
    draft = session.scalars(select(ComplaintDraft)).one()
    draft.updated_at = draft.updated_at - timedelta(days=8)  # drafts are kept 7 days
    session.commit()
    response = post(client, "what-happened?lang=en", {**FACTS, "draft": old})
    assert response.status_code == 409
    assert "or it expired (drafts are kept for 7 days). Nothing was sent now." in html(response)
    assert post(client, "about-you", ABOUT).status_code == 302  # starts a new draft


def test_user_text_is_isolated_on_arabic_pages(client: FlaskClient) -> None:
    fill(client)
    page = html(client.get("/complaint/review?lang=ar"))
    assert '<html lang="ar" dir="rtl">' in page
    assert "<bdi>Ana Ferreira</bdi>" in page and "<bdi>ana@example.org</bdi>" in page
    assert '<dd class="text" dir="auto">Dois agentes' in page
    assert ": <bdi>Rui Costa</bdi>" in page
    step = html(client.get("/complaint/about-you?lang=ar"))
    assert re.search(r'<input[^>]*dir="auto"[^>]*name="name"', step)


def test_ethnic_profiling_is_its_own_choice_recorded_as_practice_i(client: FlaskClient,
                                                                   session: Any) -> None:
    page = html(client.get("/complaint/what-happened?lang=en"))
    assert 'value="i_profiling"' in page
    assert ("The police stopped me, searched me or asked for my papers because of how I look "
            "(ethnic profiling)") in page
    post(client, "about-you", ABOUT)
    assert post(client, "what-happened", {**FACTS, "practice": "i_profiling"}).status_code \
        == 302
    fill(client)  # the other steps (what-happened again, as FACTS: practice i)
    post(client, "what-happened", {**FACTS, "practice": "i_profiling"})
    review = html(client.get("/complaint/review?lang=en"))
    assert "because of how I look (ethnic profiling)" in review
    assert submit(client).status_code == 302
    assert session.scalar(select(Complaint.practice)) == "i"


def test_a_workplace_complaint_is_told_about_act_and_still_accepted(client: FlaskClient,
                                                                    session: Any) -> None:
    note = "The labour inspectorate (ACT, Autoridade para as Condições do Trabalho) is the body"
    first = html(client.get("/complaint/what-happened?lang=en"))
    assert re.search(r'<div class="notice" id="labour-note" aria-live="polite" hidden>', first)
    fill(client)
    post(client, "what-happened", {**FACTS, "context": "labour", "practice": ""})
    step = html(client.get("/complaint/what-happened?lang=en"))
    assert '<div class="notice" id="labour-note" aria-live="polite">' in step and note in step
    review = html(client.get("/complaint/review?lang=en"))
    assert note in review and 'href="https://www.act.gov.pt/"' in review
    assert submit(client).status_code == 302
    assert session.scalar(select(Complaint.context)) == "labour"

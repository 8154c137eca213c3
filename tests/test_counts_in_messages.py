"""A number put into a message is written the reader's way: in Portuguese a comma is the
decimal point, so "20,000 characters" would read as twenty."""

from __future__ import annotations

from flask import Flask

from cicdr.i18n import tr
from cicdr.services.notify.compose import say
from workflows.text import N_, Count


def test_a_count_keeps_commas_in_english_and_groups_the_portuguese_way(app: Flask) -> None:
    message = N_("At most %(n)s characters.", n=Count(20000))
    assert message == "At most 20,000 characters."  # the English text, logs and exceptions
    assert say(message, "en") == "At most 20,000 characters."
    assert say(message, "pt") == "No máximo 20.000 carateres."
    with app.test_request_context("/staff/login?lang=pt"):
        assert str(tr(message)) == "No máximo 20.000 carateres."
    with app.test_request_context("/staff/login?lang=en"):
        assert str(tr(message)) == "At most 20,000 characters."

"""Posting an irreversible action as a person does: the form, then the confirmation page.

`post_confirmed` posts a form; when the answer is a confirmation page (an irreversible step,
cicdr/views/workspace/confirm.py), it posts that page's own form back with its Confirm button,
carrying exactly the hidden fields the page holds (so the round trip of the data, the CSRF
token and the version is tested too). Any other answer (a redirect, a form with errors, a
refusal) is returned as it is.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

CONFIRM_BUTTON = 'name="confirmed" value="1"'


class _ConfirmForm(HTMLParser):
    """The hidden inputs of the form that holds the Confirm button, and its action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str]], bool]] = []
        self._current: tuple[str, list[tuple[str, str]], list[bool]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = (a.get("action", ""), [], [False])
        elif self._current is not None and tag == "input" and a.get("type") == "hidden":
            self._current[1].append((a["name"], a.get("value", "")))
        elif self._current is not None and tag == "button" and a.get("name") == "confirmed":
            self._current[2][0] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._current is not None:
            action, fields, confirm = self._current
            self.forms.append((action, fields, confirm[0]))
            self._current = None


def is_confirmation(response: Any) -> bool:
    """Whether `response` is a confirmation page (and nothing was fired yet)."""
    return response.status_code == 200 and CONFIRM_BUTTON in response.get_data(as_text=True)


def confirmation_form(response: Any) -> tuple[str, list[tuple[str, str]]]:
    """The action and hidden fields of the confirmation page's form."""
    parser = _ConfirmForm()
    parser.feed(response.get_data(as_text=True))
    found = [(action, fields) for action, fields, confirm in parser.forms if confirm]
    assert len(found) == 1, "not a confirmation page"
    return found[0]


def confirm(client: FlaskClient, response: Any) -> Any:
    """Press Confirm on the confirmation page `response`."""
    action, fields = confirmation_form(response)
    return client.post(action, data=MultiDict([*fields, ("confirmed", "1")]))


def post_confirmed(client: FlaskClient, path: str, data: Any = None, **kwargs: Any) -> Any:
    """Post `data` to `path` and, when asked to confirm, confirm."""
    response = client.post(path, data=data, **kwargs)
    return confirm(client, response) if is_confirmation(response) else response

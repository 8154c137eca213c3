"""Issue 12's "done when" in real Chromium: a proceeding with two respondents, a company fined
EUR 2,500.00 and a person admonished, worked to its end. The person appeals and loses; the
company pays in two instalments. Each step is done by the role the law gives it, through the
case page's forms; the system's own steps (a decision becoming final) by the nightly job.

The instruction and the decision are driven through the engine (tests/court_paths.py: each
respondent notified of the decision on Mon 13 April 2026; appeal term to Tue 12 May 2026).
Every date below is worked out by hand in the comment beside it.
"""

from __future__ import annotations

from datetime import date as D
from typing import Any

import pytest
from playwright.sync_api import expect

from cicdr.models import Proceeding
from cicdr.services.engine.scheduler import run_due_triggers
from tests.court_paths import FINE_2500, notified
from tests.decisions import ADMONITION, company, person
from tests.e2e.test_workspace_browser import Workspace

pytestmark = pytest.mark.browser


def act(ws: Workspace, label: str, respondent: int | None = None, **fields: str) -> None:
    """Fire the action `label` on the open case page with these field values."""
    form = ws.action(label)
    if respondent is not None:
        form.locator("select[name$='-respondent']").select_option(str(respondent))
    for name, value in fields.items():
        box = form.locator(f"[name$='-{name}']")
        if box.evaluate("e => e.tagName") == "SELECT":
            box.select_option(value)
        else:
            box.fill(value)
    ws.submit(form)


def reload(session: Any, p: Proceeding) -> Proceeding:
    session.expire_all()
    found = session.get(Proceeding, p.id)
    assert found is not None
    return found


def test_a_fined_and_an_admonished_respondent_are_worked_to_the_end(
        page: Any, session: Any, users: Any) -> None:
    p = notified(session, users, [company(), person()], [FINE_2500, ADMONITION])
    fined, admonished = p.respondents
    url = f"/staff/proceedings/{p.reference}"
    ws = Workspace(page)

    # The admonished person appeals on Thu 30 April; the officer sends the file on Tue 5 May,
    # within the 5 working days (Fri 1 May a holiday: Mon 4 .. Fri 8 May).
    ws.sign_in(users.officer)
    ws.open(url)
    act(ws, "Record an appeal", admonished.id, lodged_on="2026-04-30")
    expect(page.locator("body")).to_contain_text("2026-05-08")  # appeal_send_mp due
    act(ws, "Send the appeal to the prosecutor", admonished.id, sent_on="2026-05-05")
    assert ws.state() == "appealed"

    # The company did not appeal: on Wed 13 May the nightly job makes its decision final;
    # 10 calendar days to pay -> Sat 23 May -> Mon 25 May 2026.
    session.expire_all()  # the browser changed the proceeding meanwhile
    assert run_due_triggers(session, D(2026, 5, 13)) == [
        f"{p.reference}: become_final ({fined.name})"]
    p = reload(session, p)
    fined = p.respondents[0]
    assert (fined.stage, fined.payment_due_on) == ("paying", D(2026, 5, 25))
    ws.open(url)  # the page as it is now (the job changed the proceeding)
    expect(page.locator("body")).to_contain_text("2026-05-25")
    act(ws, "Record the appeal's admission", admonished.id, admitted_on="2026-05-20")
    ws.sign_out()

    # The president grants the company two instalments, the last within 12 months of
    # finality (13 May 2027).
    ws.sign_in(users.president)
    ws.open(url)
    act(ws, "Grant instalments", fined.id, granted_on="2026-05-20",
        plan="2026-07-31 1250.00\n2026-11-30 1250.00")
    ws.sign_out()

    ws.sign_in(users.officer)
    ws.open(url)
    act(ws, "Record a payment", fined.id, paid_on="2026-07-31", amount="1250.00")
    # The court confirms the admonition; its ruling is final on Tue 20 October 2026.
    act(ws, "Record the court outcome", admonished.id, outcome="confirmed",
        ruled_on="2026-09-15")
    act(ws, "Record that the ruling became final", admonished.id, final_on="2026-10-20")
    assert ws.state() == "final"
    act(ws, "Publish", published_on="2026-10-26")
    assert ws.state() == "published"
    act(ws, "Record a payment", fined.id, paid_on="2026-11-27", amount="1250.00")
    assert ws.state() == "closed"

    p = reload(session, p)
    assert [(r.stage, r.close_reason) for r in p.respondents] == [
        ("closed", "paid"), ("closed", "admonished")]
    history = page.locator("body").inner_text()
    assert f"recorded an appeal for respondent {admonished.name}" in history
    assert f"granted payment for respondent {fined.name} in 2 instalments" in history

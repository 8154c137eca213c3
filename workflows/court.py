"""The appeal and the court, per respondent (domain.md 3.2; RGCO arts 59-75): part of the
proceeding workflow, joined to it by `workflows/proceeding.py`.

Each trigger names one respondent (field `respondent`, the ProceedingRespondent id as text) and
moves that respondent's stage (`workflows.respondent.Stage`); the proceeding's own state follows
its respondents (the summary). A proceeding subject exposes `respondents`: rows with `id`,
`name`, `stage`, `outcome`, `amount`, `decision_notified_on`, `appeal_lodged_on`,
`appeal_sent_on`, `appeal_admitted_on`, `court_outcome`, `court_ruled_on`; and
`respondent_people` and `facts_year` (for an `altered` sanction's bounds).

- `record_appeal`: the respondent's appeal term stops; the file must reach the prosecutor within
  5 working days (`appeal_send_mp`, RGCO art. 62(1)).
- `revoke_decision`: until the file is sent the authority may revoke its decision (art. 62(2));
  the respondent goes back to `accused`, a new decision is due.
- `send_appeal`: the file goes to the prosecutor / court; the respondent is `at_court`.
- `record_appeal_admitted`: the court admitted the appeal; prescription is suspended from that
  day until the court's final decision (art. 27-A(1)(c), at most 6 months).
- `record_court_outcome`: `confirmed`, `altered` (the new sanction replaces the old one
  everywhere; validated like a decision), `annulled`, `acquitted`, or
  `returned_for_new_decision` (back to `accused`).
- `record_further_appeal` (to the Relação: the respondent stays at court) or
  `court_ruling_final` (the ruling became final on its date: the decision is final).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from workflows import sanctions
from workflows.pco_states import COMMISSIONER, OFFICER, PRESIDENT, S
from workflows.respondent import Stage
from workflows.spec import Context, Field, Guard, Start, a_date, choice, text, trigger

COURT_OUTCOMES = ("confirmed", "altered", "annulled", "acquitted", "returned_for_new_decision")
# The court's outcomes after which the decision still stands (with its sanction, or the new one).
UPHELD = ("confirmed", "altered")
# A court's new sanction: a fine or an admonition (an acquittal is its own outcome).
NEW_SANCTIONS = ("fine", "admonition")
# Proceeding states in which some respondent may be past the decision.
AFTER_DECISION = [S.awaiting_decision, S.decided, S.notified, S.appealed, S.final, S.published]

RESPONDENT = Field("respondent", "respondent", "Respondent")


# -- the respondent a trigger names ----------------------------------------------------------


def chosen(c: Context) -> Any:
    """The respondent row named by the data's `respondent`, or None."""
    wanted = str(c.data.get("respondent") or "")
    return next((r for r in c.subject.respondents if str(r.id) == wanted), None)


def in_stage(c: Context, *stages: str, test: Callable[[Any], bool] | None = None) -> list[Any]:
    """The respondents in one of `stages` (and passing `test`)."""
    return [r for r in c.subject.respondents
            if r.stage in stages and (test is None or test(r))]


def any_respondent(name: str, reason: str, *stages: str,
                   test: Callable[[Any], bool] | None = None) -> Guard:
    """A guard that holds while some respondent is in `stages` (and passes `test`)."""
    return Guard(name, lambda c: bool(in_stage(c, *stages, test=test)), reason)


def stage_check(c: Context, stages: Iterable[str], refusal: Callable[[Any], str]
                ) -> tuple[Any, dict[str, str]]:
    """The chosen respondent and, when they are missing or not in `stages`, the refusal."""
    row = chosen(c)
    if row is None:
        return None, {"respondent": "Choose a respondent of this proceeding."}
    if row.stage not in stages:
        return row, {"respondent": refusal(row)}
    return row, {}


def not_before(c: Context, field: str, earlier: date | None, what: str) -> dict[str, str]:
    """Refuse a date of `field` before the `earlier` event (`what` names it)."""
    given = c.data.get(field)
    if earlier is not None and isinstance(given, date) and given < earlier:
        return {field: f"The {what} was on {earlier:%Y-%m-%d}: this date cannot be earlier."}
    return {}


def _stage_words(row: Any) -> str:
    return f"{row.name} is {str(row.stage).replace('_', ' ')}"


# -- guards ----------------------------------------------------------------------------------


def _awaiting_ruling(r: Any) -> bool:
    return r.court_outcome is None


def _ruled(r: Any) -> bool:
    return r.court_outcome in (*UPHELD, "annulled", "acquitted")


appealable = any_respondent("appealable", "No respondent's decision is notified and open to "
                            "appeal.", Stage.notified)
appeal_pending = any_respondent(
    "appeal_pending", "No appeal is waiting to be sent to the prosecutor: once the file is sent "
    "the decision can no longer be revoked (RGCO art. 62(2)).", Stage.appealed)
awaiting_admission = any_respondent(
    "awaiting_admission", "No appeal before the court is waiting for its admission.",
    Stage.at_court, test=lambda r: r.appeal_admitted_on is None)
awaiting_ruling = any_respondent("awaiting_ruling", "No appeal is waiting for the court's "
                                 "ruling.", Stage.at_court, test=_awaiting_ruling)
ruled = any_respondent("ruled", "No court ruling is recorded that could be appealed or become "
                       "final.", Stage.at_court, test=_ruled)


# -- data checks -----------------------------------------------------------------------------


def _appeal_fits(c: Context) -> dict[str, str]:
    row, refused = stage_check(c, (Stage.notified,), lambda r: (
        f"{_stage_words(r)}: only a notified decision whose appeal term is running can be "
        "appealed."))
    return refused or not_before(c, "lodged_on", row.decision_notified_on,
                                 "notification of the decision")


def _revocable(c: Context) -> dict[str, str]:
    row, refused = stage_check(c, (Stage.appealed,), lambda r: (
        f"The file went to the court on {r.appeal_sent_on:%Y-%m-%d}: the decision about "
        f"{r.name} can no longer be revoked (RGCO art. 62(2))." if r.appeal_sent_on
        else f"{_stage_words(r)}: only a decision under appeal, before the file is sent, can "
        "be revoked."))
    return refused


def _sendable(c: Context) -> dict[str, str]:
    row, refused = stage_check(c, (Stage.appealed,), lambda r: (
        f"{_stage_words(r)}: there is no appeal waiting to be sent."))
    return refused or not_before(c, "sent_on", row.appeal_lodged_on, "appeal")


def _admittable(c: Context) -> dict[str, str]:
    row, refused = stage_check(c, (Stage.at_court,), lambda r: (
        f"{_stage_words(r)}: the appeal is not before the court."))
    if refused:
        return refused
    if row.appeal_admitted_on is not None:
        return {"respondent": f"The appeal was already admitted on "
                              f"{row.appeal_admitted_on:%Y-%m-%d}."}
    return not_before(c, "admitted_on", row.appeal_sent_on, "sending of the file")


def new_sanction(data: Mapping[str, Any]) -> sanctions.ProposedDecision:
    """The sanction of an `altered` ruling, from the trigger's (cleaned) data."""
    accessories = tuple(parse_accessories(data.get("accessories") or ""))
    amount = data.get("amount") if data.get("sanction") == "fine" else None
    return sanctions.ProposedDecision(data.get("sanction") or "", amount, accessories)


def parse_accessories(raw: str) -> list[sanctions.Accessory]:
    """Accessory sanctions typed one per line, "kind months" (months left out for loss of
    objects); an unreadable line becomes a kind the sanction rules refuse with their reason."""
    found = []
    for line in raw.splitlines():
        parts = line.split()
        if not parts:
            continue
        months = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else (
            -1 if len(parts) > 1 else None)
        found.append(sanctions.Accessory(parts[0], months))
    return found


def _ruling_fits(c: Context) -> dict[str, str]:
    row, refused = stage_check(c, (Stage.at_court,), lambda r: (
        f"{_stage_words(r)}: the appeal is not before the court."))
    if refused:
        return refused
    if row.court_outcome is not None:
        return {"respondent": f"The court's ruling of {row.court_ruled_on:%Y-%m-%d} is "
                              "recorded: record a further appeal or that it became final."}
    errors = not_before(c, "ruled_on", row.appeal_sent_on, "sending of the file")
    if c.data["outcome"] == "altered":
        if c.data.get("sanction") not in NEW_SANCTIONS:
            errors["sanction"] = "Give the sanction the court applied: a fine or an admonition."
            return errors
        person, negligent = c.subject.respondent_people[str(row.id)]
        problems = sanctions.decision_errors(new_sanction(c.data), year=c.subject.facts_year,
                                             person=person, negligent=negligent,
                                             tables=c.tables)
        if problems:
            errors["sanction" if c.data["sanction"] != "fine" or c.data.get("amount")
                   is not None else "amount"] = " ".join(problems)
    elif c.data.get("sanction") or c.data.get("amount") is not None \
            or (c.data.get("accessories") or "").strip():
        errors["sanction"] = "A new sanction is given only when the court altered it."
    return errors


def _further_appeal_fits(c: Context) -> dict[str, str]:
    row, refused = stage_check(c, (Stage.at_court,), lambda r: (
        f"{_stage_words(r)}: the appeal is not before the court."))
    if refused:
        return refused
    if not _ruled(row):
        return {"respondent": "No ruling of the court is recorded for this respondent."}
    return not_before(c, "lodged_on", row.court_ruled_on, "court's ruling")


def _ruling_final_fits(c: Context) -> dict[str, str]:
    row, refused = stage_check(c, (Stage.at_court,), lambda r: (
        f"{_stage_words(r)}: the appeal is not before the court."))
    if refused:
        return refused
    if not _ruled(row):
        return {"respondent": "No ruling of the court is recorded for this respondent."}
    return not_before(c, "final_on", row.court_ruled_on, "court's ruling")


# Which respondents each trigger may name now (the action form offers only those).
CHOOSABLE: dict[str, Callable[[Any, date], bool]] = {
    "record_appeal": lambda r, today: r.stage == Stage.notified,
    "revoke_decision": lambda r, today: r.stage == Stage.appealed,
    "send_appeal": lambda r, today: r.stage == Stage.appealed,
    "record_appeal_admitted": lambda r, today: (r.stage == Stage.at_court
                                                and r.appeal_admitted_on is None),
    "record_court_outcome": lambda r, today: r.stage == Stage.at_court and _awaiting_ruling(r),
    "record_further_appeal": lambda r, today: r.stage == Stage.at_court and _ruled(r),
    "court_ruling_final": lambda r, today: r.stage == Stage.at_court and _ruled(r),
}


# -- the declaration -------------------------------------------------------------------------


def _from(guard: Guard) -> dict[str, Any]:
    return {"source": AFTER_DECISION, "dest": None, "conditions": [guard]}


TRANSITIONS: list[dict[str, Any]] = [
    {"trigger": "record_appeal", **_from(appealable)},
    {"trigger": "revoke_decision", **_from(appeal_pending)},
    {"trigger": "send_appeal", **_from(appeal_pending)},
    {"trigger": "record_appeal_admitted", **_from(awaiting_admission)},
    {"trigger": "record_court_outcome", **_from(awaiting_ruling)},
    {"trigger": "record_further_appeal", **_from(ruled)},
    {"trigger": "court_ruling_final", **_from(ruled)},
]

TRIGGERS = {t.name: t for t in [
    trigger("record_appeal", "Record an appeal",
            "A respondent lodged a judicial appeal (impugnação): the file goes to the "
            "prosecutor within 5 working days (RGCO art. 62(1)).", (OFFICER,),
            RESPONDENT, a_date("lodged_on", "Lodged on"),
            starts=(Start("appeal_send_mp", from_field="lodged_on", on="respondent"),),
            check_data=_appeal_fits, only_when=appealable),
    trigger("revoke_decision", "Revoke the decision",
            "Until the file is sent to the prosecutor the Commission may revoke its decision "
            "(RGCO art. 62(2)); a new decision about the respondent is then due.",
            (COMMISSIONER, PRESIDENT), RESPONDENT, text("reason", "Why the decision is revoked"),
            check_data=_revocable, only_when=appeal_pending),
    trigger("send_appeal", "Send the appeal to the prosecutor",
            "The file of the appeal goes to the prosecutor, who presents it to the court.",
            (OFFICER,), RESPONDENT, a_date("sent_on", "Sent on"),
            check_data=_sendable, only_when=appeal_pending),
    trigger("record_appeal_admitted", "Record the appeal's admission",
            "The court admitted the appeal: the respondent's prescription is suspended until "
            "the court's final decision (RGCO art. 27-A(1)(c), at most 6 months).", (OFFICER,),
            RESPONDENT, a_date("admitted_on", "Admitted on"),
            check_data=_admittable, only_when=awaiting_admission),
    trigger("record_court_outcome", "Record the court outcome",
            "The court ruled on a respondent's appeal; when it altered the sanction, give the "
            "new one: it replaces the decision's everywhere.", (OFFICER,),
            RESPONDENT, choice("outcome", "Outcome", COURT_OUTCOMES, "court_outcome"),
            a_date("ruled_on", "Ruled on"),
            Field("sanction", "choice", "New sanction (when altered)", required=False,
                  choices=NEW_SANCTIONS),
            Field("amount", "amount", "New fine (EUR, when altered)", required=False),
            text("accessories", "New accessory sanctions (when altered): one per line, kind "
                 "and months", required=False, max_length=2000),
            check_data=_ruling_fits, only_when=awaiting_ruling),
    trigger("record_further_appeal", "Record a further appeal",
            "The ruling was appealed to the Relação: the respondent stays at court.",
            (OFFICER,), RESPONDENT, a_date("lodged_on", "Lodged on"),
            check_data=_further_appeal_fits, only_when=ruled),
    trigger("court_ruling_final", "Record that the ruling became final",
            "The court's ruling can no longer be appealed: the decision (or its annulment) is "
            "final on that date.", (OFFICER,), RESPONDENT, a_date("final_on", "Final on"),
            check_data=_ruling_final_fits, only_when=ruled),
]}

__all__ = ["AFTER_DECISION", "CHOOSABLE", "COURT_OUTCOMES", "NEW_SANCTIONS", "RESPONDENT",
           "TRANSITIONS", "TRIGGERS", "UPHELD", "any_respondent", "chosen", "in_stage",
           "new_sanction", "not_before", "parse_accessories", "stage_check"]

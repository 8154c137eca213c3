"""The appeal and the court, per respondent (domain.md 3.2; RGCO arts 59-75): part of the
proceeding workflow, joined to it by `workflows/proceeding.py`.

Each trigger names one respondent (`workflows.respondent.respondent_field`) and moves that
respondent's stage; the proceeding's own state follows its respondents (`follow_respondents`).
Whether a trigger is possible for a respondent is its rule in `workflows.respondent.RULES`
(registered here), read from the respondent's facts (`RespondentFacts`: `stage`,
`decision_notified_on`, `appeal_lodged_on`, `appeal_sent_on`, `appeal_admitted_on`,
`court_outcome`, `court_ruled_on`, `person`, `negligent`); the subject also exposes
`facts_year` (for an `altered` sanction's bounds).

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
  `court_ruling_final` (the ruling became final on its date: the decision is final; a fine is
  then to be paid within the `payment` term).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from workflows import respondent as each
from workflows import sanctions
from workflows.pco_states import COMMISSIONER, OFFICER, PRESIDENT, S
from workflows.respondent import RespondentFacts, Stage
from workflows.spec import Context, Field, Start, a_date, choice, text, trigger
from workflows.text import N_, Msg, join

COURT_OUTCOMES = ("confirmed", "altered", "annulled", "acquitted", "returned_for_new_decision")
# The court's outcomes after which the decision still stands (with its sanction, or the new one).
UPHELD = ("confirmed", "altered")
# Rulings that end the appeal: after them, a further appeal or finality.
RULED = (*UPHELD, "annulled", "acquitted")
# A court's new sanction: a fine or an admonition (an acquittal is its own outcome).
NEW_SANCTIONS = ("fine", "admonition")
# Proceeding states in which some respondent may be past the decision.
AFTER_DECISION = [S.awaiting_decision, S.decided, S.notified, S.appealed, S.final, S.published]


def chosen_facts(c: Context) -> RespondentFacts:
    """The facts (on the context's day) of the respondent the (checked) data names."""
    return next(r for r in each.facts_of(c) if r.id == str(c.data["respondent"]))


def not_before(c: Context, field: str, earlier: date | None, what: str) -> dict[str, str]:
    """Refuse a date of `field` before the `earlier` event (`what` names it, an N_ message)."""
    given = c.data.get(field)
    if earlier is not None and isinstance(given, date) and given < earlier:
        return {field: N_("The %(what)s was on %(on)s: this date cannot be earlier.", what=what,
                          on=f"{earlier:%Y-%m-%d}")}
    return {}


def _words(r: RespondentFacts) -> Msg:
    return N_("%(name)s is %(stage)s", name=r.name,
              stage=each.STAGE_WORDS.get(Stage(r.stage), r.stage))


# -- whether each trigger is possible for a respondent (workflows.respondent.RULES) -----------


def _appealable(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.notified:
        return N_("%(who)s: only a notified decision in its appeal term can be appealed.",
                  who=_words(r))
    return None


def _revocable(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage == Stage.at_court and r.appeal_sent_on is not None:
        return N_("The file went to the court on %(on)s: the decision about %(name)s can no "
                  "longer be revoked (RGCO art. 62(2)).", on=f"{r.appeal_sent_on:%Y-%m-%d}",
                  name=r.name)
    if r.stage != Stage.appealed:
        return N_("%(who)s: only a decision under appeal, before the file is sent, is revoked.",
                  who=_words(r))
    return None


def _sendable(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.appealed:
        return N_("%(who)s: there is no appeal of theirs waiting to be sent.", who=_words(r))
    return None


def _admittable(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.at_court:
        return N_("%(who)s: their appeal is not before the court.", who=_words(r))
    if r.appeal_admitted_on is not None:
        return N_("%(name)s's appeal was admitted on %(on)s.", name=r.name,
                  on=f"{r.appeal_admitted_on:%Y-%m-%d}")
    return None


def _awaiting_ruling(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.at_court:
        return N_("%(who)s: their appeal is not before the court.", who=_words(r))
    if r.court_outcome is not None:
        return N_("The court's ruling about %(name)s is recorded: record a further appeal or "
                  "that it became final.", name=r.name)
    return None


def _ruled(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.at_court:
        return N_("%(who)s: their appeal is not before the court.", who=_words(r))
    if r.court_outcome not in RULED:
        return N_("No ruling of the court about %(name)s is recorded.", name=r.name)
    return None


RULES = {
    "record_appeal": _appealable,
    "revoke_decision": _revocable,
    "send_appeal": _sendable,
    "record_appeal_admitted": _admittable,
    "record_court_outcome": _awaiting_ruling,
    "record_further_appeal": _ruled,
    "court_ruling_final": _ruled,
}
each.RULES.update(RULES)


# -- data checks, once the respondent is known ------------------------------------------------


def new_sanction(data: Mapping[str, Any]) -> sanctions.ProposedDecision:
    """The sanction of an `altered` ruling, from the trigger's (cleaned) data."""
    accessories = tuple(parse_accessories(data.get("accessories") or ""))
    amount = data.get("amount") if data.get("sanction") == "fine" else None
    return sanctions.ProposedDecision(data.get("sanction") or "", amount, accessories)


def parse_accessories(raw: str) -> list[sanctions.Accessory]:
    """Accessory sanctions typed one per line, "kind months" (months left out for loss of
    objects); an unreadable number becomes -1, which the sanction rules refuse with their
    reason."""
    found = []
    for line in raw.splitlines():
        parts = line.split()
        if not parts:
            continue
        months = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else (
            -1 if len(parts) > 1 else None)
        found.append(sanctions.Accessory(parts[0], months))
    return found


def _lodged_after_notification(c: Context) -> dict[str, str]:
    return not_before(c, "lodged_on", chosen_facts(c).decision_notified_on,
                      N_("notification of the decision"))


def _sent_after_appeal(c: Context) -> dict[str, str]:
    return not_before(c, "sent_on", chosen_facts(c).appeal_lodged_on, N_("appeal"))


def _admitted_after_sending(c: Context) -> dict[str, str]:
    return not_before(c, "admitted_on", chosen_facts(c).appeal_sent_on,
                      N_("sending of the file"))


def _ruling_fits(c: Context) -> dict[str, str]:
    """The ruling comes after the file was sent; `altered` gives a valid new sanction (within
    the bounds of that respondent, like a decision), and only `altered` gives one."""
    r = chosen_facts(c)
    errors = not_before(c, "ruled_on", r.appeal_sent_on, N_("sending of the file"))
    given = c.data.get("sanction") or c.data.get("amount") is not None \
        or (c.data.get("accessories") or "").strip()
    if c.data["outcome"] != "altered":
        if given:
            errors["sanction"] = N_("A new sanction is given only when the court altered it.")
        return errors
    if c.data.get("sanction") not in NEW_SANCTIONS:
        errors["sanction"] = N_("Give the sanction the court applied: a fine or an admonition.")
        return errors
    problems = sanctions.decision_errors(new_sanction(c.data), year=c.subject.facts_year,
                                         person=r.person, negligent=r.negligent,
                                         tables=c.tables)
    if problems:
        errors["sanction"] = join(problems)
    return errors


def _after_ruling(field: str) -> Any:
    def check(c: Context) -> dict[str, str]:
        return not_before(c, field, chosen_facts(c).court_ruled_on, N_("court's ruling"))
    return check


def _payment_due(c: Context) -> bool:
    """A fine upheld by the court is to be paid from the day the ruling is final."""
    r = chosen_facts(c)
    return r.court_outcome in UPHELD and r.outcome == "fine"


# -- the declaration -------------------------------------------------------------------------


def _from(name: str) -> dict[str, Any]:
    return {"trigger": name, "source": AFTER_DECISION, "dest": None,
            "conditions": [each.for_some_respondent(name)]}


TRANSITIONS: list[dict[str, Any]] = [_from(name) for name in RULES]


def _possible(name: str) -> Any:
    """Offered only while possible for some respondent (never listed as blocked on a case
    with nothing to appeal)."""
    return each.for_some_respondent(name)


TRIGGERS = {t.name: t for t in [
    trigger("record_appeal", N_("Record an appeal"),
            N_("A respondent lodged a judicial appeal (impugnação): the file goes to the "
            "prosecutor within 5 working days (RGCO art. 62(1))."), (OFFICER,),
            each.respondent_field(), a_date("lodged_on", N_("Lodged on")), stops=("appeal",),
            starts=(Start("appeal_send_mp", from_field="lodged_on"),),
            check_data=each.chosen_respondent("record_appeal", _lodged_after_notification),
            only_when=_possible("record_appeal")),
    trigger("revoke_decision", N_("Revoke the decision"),
            N_("Until the file is sent to the prosecutor the Commission may revoke its decision "
            "(RGCO art. 62(2)); a new decision about the respondent is then due."),
            (COMMISSIONER, PRESIDENT), each.respondent_field(),
            text("reason", N_("Why the decision is revoked")), stops=("appeal_send_mp",),
            check_data=each.chosen_respondent("revoke_decision"),
            only_when=_possible("revoke_decision")),
    trigger("send_appeal", N_("Send the appeal to the prosecutor"),
            N_("The file of the appeal goes to the prosecutor, who presents it to the court."),
            (OFFICER,), each.respondent_field(), a_date("sent_on", N_("Sent on")),
            stops=("appeal_send_mp",),
            check_data=each.chosen_respondent("send_appeal", _sent_after_appeal),
            only_when=_possible("send_appeal")),
    trigger("record_appeal_admitted", N_("Record the appeal's admission"),
            N_("The court admitted the appeal: the respondent's prescription is suspended until "
            "the court's final decision (RGCO art. 27-A(1)(c), at most 6 months)."), (OFFICER,),
            each.respondent_field(), a_date("admitted_on", N_("Admitted on")),
            check_data=each.chosen_respondent("record_appeal_admitted", _admitted_after_sending),
            only_when=_possible("record_appeal_admitted")),
    trigger("record_court_outcome", N_("Record the court outcome"),
            N_("The court ruled on a respondent's appeal; when it altered the sanction, give the "
            "new one: it replaces the decision's everywhere."), (OFFICER,),
            each.respondent_field(), choice("outcome", N_("Outcome"), COURT_OUTCOMES,
                                            "court_outcome"),
            a_date("ruled_on", N_("Ruled on")),
            Field("sanction", "choice", N_("New sanction (when altered)"), required=False,
                  choices=NEW_SANCTIONS),
            Field("amount", "amount", N_("New fine in EUR (when altered)"), required=False),
            text("accessories", N_("New accessory sanctions (when altered): one per line, kind "
                 "and months"), required=False, max_length=2000),
            check_data=each.chosen_respondent("record_court_outcome", _ruling_fits),
            only_when=_possible("record_court_outcome")),
    trigger("record_further_appeal", N_("Record a further appeal"),
            N_("The ruling was appealed to the Relação: the respondent stays at court."),
            (OFFICER,), each.respondent_field(), a_date("lodged_on", N_("Lodged on")),
            check_data=each.chosen_respondent("record_further_appeal",
                                              _after_ruling("lodged_on")),
            only_when=_possible("record_further_appeal")),
    trigger("court_ruling_final", N_("Record that the ruling became final"),
            N_("The court's ruling can no longer be appealed: the decision (or its annulment) is "
            "final on that date; a fine is then to be paid within 10 days (RGCO art. 88)."),
            (OFFICER,), each.respondent_field(), a_date("final_on", N_("Final on")),
            starts=(Start("payment", from_field="final_on", when=_payment_due),),
            check_data=each.chosen_respondent("court_ruling_final", _after_ruling("final_on")),
            only_when=_possible("court_ruling_final")),
]}

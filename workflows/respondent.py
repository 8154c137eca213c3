"""Each respondent's own procedure inside a proceeding (domain.md 3.2; RGCO art. 50, Lei 93/2017
art. 20(3)): the stages of a respondent, and the proceeding's state as the summary of its
respondents' stages.

A respondent's stage is a column of the respondent, moved by the proceeding's per-respondent
triggers (the proceeding stays the one audit subject):

    pending -> accused -> decided -> notified -> [appealed -> at_court] -> final
            -> paying -> enforcement -> closed

and `prescribed` from any stage before `final` when that respondent's prescription date has
passed (never while the court's suspension runs). `revoke_decision` and a court's
`returned_for_new_decision` send the respondent back to `accused`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from workflows.spec import Context, DataCheck, Field, Guard, Trigger
from workflows.text import N_, Msg, join


class Stage(StrEnum):
    """A respondent's stage (the column `proceeding_respondents.stage`)."""

    pending = "pending"  # no accusation notified
    accused = "accused"  # accusation notified: defence term running or closed
    decided = "decided"
    notified = "notified"  # decision notified: appeal term running
    appealed = "appealed"  # appeal lodged: the file goes to the MP (appeal_send_mp)
    at_court = "at_court"  # file sent: the court decides
    final = "final"  # decision final
    paying = "paying"  # fine final and unpaid: payment term or instalments
    enforcement = "enforcement"  # referred to the MP for enforcement
    closed = "closed"
    prescribed = "prescribed"


# Before finality: the procedure's prescription runs (RGCO art. 27).
BEFORE_FINAL = frozenset({Stage.pending, Stage.accused, Stage.decided, Stage.notified,
                          Stage.appealed, Stage.at_court})
# At court: not prescribed automatically (the court's suspension, RGCO art. 27-A(1)(c)).
AT_COURT = frozenset({Stage.appealed, Stage.at_court})
# Final or beyond: the decision is final.
FINAL_OR_BEYOND = frozenset({Stage.final, Stage.paying, Stage.enforcement, Stage.closed})
ENDED = frozenset({Stage.closed, Stage.prescribed})
# Why a respondent's procedure closed (`proceeding_respondents.close_reason`).
CLOSE_REASONS = ("paid", "admonished", "enforced", "fine_prescribed", "not_condemnatory",
                 "annulled", "prescribed")
UNDECIDED = frozenset({Stage.pending, Stage.accused})
PRESCRIBABLE = BEFORE_FINAL - AT_COURT
# The terms that belong to one respondent (`deadlines.respondent_id`): started and stopped by a
# trigger for that respondent only.
PER_RESPONDENT_TERMS = ("defence", "appeal", "appeal_send_mp", "payment")
STAGE_WORDS: Mapping[Stage, Msg] = {
    Stage.pending: N_("not yet accused"),
    Stage.accused: N_("accused"),
    Stage.decided: N_("decided, not yet notified"),
    Stage.notified: N_("decision notified"),
    Stage.appealed: N_("appeal lodged"),
    Stage.at_court: N_("at court"),
    Stage.final: N_("decision final"),
    Stage.paying: N_("paying"),
    Stage.enforcement: N_("enforcement"),
    Stage.closed: N_("closed"),
    Stage.prescribed: N_("prescribed"),
}


@dataclass(frozen=True)
class RespondentFacts:
    """What the rules of a respondent's procedure read about one respondent (the proceeding
    subject exposes them as `respondent_facts`, in the respondents' order: see `facts_of`)."""

    id: str
    name: str
    stage: str = Stage.pending
    person: str = "natural"
    negligent: bool = False
    outcome: str | None = None
    accusation_notified_on: date | None = None
    defence_due: date | None = None  # the last day of their defence term
    defence_received_on: date | None = None
    decision_notified_on: date | None = None
    appeal_due: date | None = None  # the last day of their appeal term
    prescription_date: date | None = None  # their procedure's (None: not known)
    # The appeal and the court (workflows/court.py).
    appeal_lodged_on: date | None = None
    appeal_sent_on: date | None = None  # the file went to the prosecutor / court
    appeal_admitted_on: date | None = None
    court_outcome: str | None = None  # the ruling awaited: None
    court_ruled_on: date | None = None
    # Payment and enforcement (workflows/payment.py).
    final_on: date | None = None
    amount: Decimal | None = None
    paid: Decimal = Decimal("0")
    payment_due_on: date | None = None
    instalments: str | None = None  # the plan as stored (JSON), None without one
    enforcement_closed: bool = False  # their enforcement referral is closed
    fine_prescription_date: date | None = None  # the fine's (after finality; None: not known)
    outstanding: Decimal | None = None  # what a fined respondent still owes

    def heard(self, today: date) -> bool:
        """Whether they had the defence opportunity (RGCO art. 50; Lei 93/2017 art. 20(3)):
        accused, and they answered or their term has passed."""
        return self.accusation_notified_on is not None and (
            self.defence_received_on is not None
            or (self.defence_due is not None and today > self.defence_due))

    def why_not_sanctioned(self, today: date) -> Msg | None:
        """Why a fine or an admonition cannot be decided against them today, or None."""
        if self.accusation_notified_on is None:
            return N_("%(name)s has not been notified of the accusation: without the defence "
                      "opportunity only a dismissal is possible (RGCO art. 50).", name=self.name)
        if not self.heard(today):
            if self.defence_due:
                return N_("%(name)s may answer the accusation until %(due)s: a fine or an "
                          "admonition needs their defence or the end of that term (RGCO art. "
                          "50; Lei 93/2017 art. 20(3)).", name=self.name,
                          due=f"{self.defence_due:%Y-%m-%d}")
            return N_("%(name)s may answer the accusation: a fine or an admonition needs their "
                      "defence or the end of that term (RGCO art. 50; Lei 93/2017 art. 20(3)).",
                      name=self.name)
        return None


Rule = Callable[[RespondentFacts, date], Msg | None]


def facts_of(c: Context) -> tuple[RespondentFacts, ...]:
    """The subject's respondents as of the context's day: `respondent_facts_on(today)` when
    the subject computes them for a day (a running suspension counts up to it), else its
    `respondent_facts`."""
    on = getattr(c.subject, "respondent_facts_on", None)
    return tuple(on(c.today)) if callable(on) else tuple(c.subject.respondent_facts)


def _accusable(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.pending:
        return N_("%(name)s was already notified of the accusation.", name=r.name)
    return None


def _may_answer(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.accused:
        return (N_("%(name)s has not been notified of the accusation.", name=r.name)
                if r.stage == Stage.pending
                else N_("%(name)s's case is past the defence.", name=r.name))
    if r.defence_received_on is not None:
        return N_("%(name)s's defence was recorded (%(on)s).", name=r.name,
                  on=f"{r.defence_received_on:%Y-%m-%d}")
    return None


def _decided(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.decided:
        return (N_("The decision about %(name)s is not recorded yet.", name=r.name)
                if r.stage in UNDECIDED
                else N_("The decision about %(name)s was already notified.", name=r.name))
    return None


def _appeal_lapsed(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage != Stage.notified:
        return N_("The decision about %(name)s is not awaiting its appeal term.", name=r.name)
    if r.appeal_due is None or today <= r.appeal_due:
        if r.appeal_due:
            return N_("%(name)s's appeal window runs until %(due)s.", name=r.name,
                      due=f"{r.appeal_due:%Y-%m-%d}")
        return N_("%(name)s's appeal window runs.", name=r.name)
    return None


def _prescription_passed(r: RespondentFacts, today: date) -> Msg | None:
    if r.stage in AT_COURT:
        return N_("%(name)s's case is at court: it is not prescribed while the court decides "
                  "(RGCO art. 27-A(1)(c)).", name=r.name)
    if r.stage not in PRESCRIBABLE:
        return N_("%(name)s's procedure is no longer running.", name=r.name)
    if r.prescription_date is None:
        return N_("No prescription date is known for %(name)s.", name=r.name)
    if today <= r.prescription_date:
        return N_("%(name)s's procedure prescribes after %(on)s.", name=r.name,
                  on=f"{r.prescription_date:%Y-%m-%d}")
    return None


# trigger -> why it cannot be fired for a respondent now (None: it can). The appeal, court and
# payment triggers (workflows/court.py, payment.py) add theirs here.
RULES: dict[str, Rule] = {
    "notify_accusation": _accusable,
    "record_defence": _may_answer,
    "notify_decision": _decided,
    "become_final": _appeal_lapsed,
    "prescribe": _prescription_passed,
}


def why_not(trigger: str, r: RespondentFacts, today: date) -> Msg | None:
    """Why `trigger` cannot be fired for respondent `r` on `today` (None: it can)."""
    return RULES[trigger](r, today)


def eligible(respondents: Iterable[RespondentFacts], trigger: str,
             today: date) -> list[RespondentFacts]:
    """The respondents for whom `trigger` is possible on `today`, in order."""
    return [r for r in respondents if why_not(trigger, r, today) is None]


def for_some_respondent(trigger: str) -> Guard:
    """The guard of a per-respondent trigger: possible for at least one respondent; the reason
    names each respondent's obstacle."""
    def holds(c: Context) -> bool:
        return bool(eligible(facts_of(c), trigger, c.today))

    def reason(c: Context) -> Msg:
        found = [x for r in facts_of(c) if (x := why_not(trigger, r, c.today))]
        return join(found) if found else N_("The proceeding has no respondent.")
    return Guard(f"for_some_respondent:{trigger}", holds, reason)


def chosen_respondent(trigger: str, then: DataCheck | None = None) -> DataCheck:
    """The data check of a per-respondent trigger: the respondent chosen is one for whom the
    trigger is possible. When none is chosen and exactly one respondent qualifies, that one is
    taken (written into the cleaned data). `then` runs afterwards, with the respondent set."""
    def check(c: Context) -> Mapping[str, str]:
        facts = list(facts_of(c))
        chosen = c.data.get("respondent")
        if chosen is None:
            able = eligible(facts, trigger, c.today)
            if len(able) != 1:
                return {"respondent": N_("Choose the respondent.")}
            c.data["respondent"] = able[0].id
        else:
            found = next((r for r in facts if r.id == str(chosen)), None)
            if found is None:
                return {"respondent": N_("Not a respondent of this proceeding.")}
            obstacle = why_not(trigger, found, c.today)
            if obstacle:
                return {"respondent": obstacle}
            c.data["respondent"] = found.id
        return then(c) if then is not None else {}
    return check


def respondent_field(label: str = N_("Respondent")) -> Field:
    """The `respondent` field of a per-respondent trigger (the ProceedingRespondent id)."""
    return Field("respondent", "respondent", label, required=False)


def is_per_respondent(spec: Trigger) -> bool:
    """Whether a trigger acts on one respondent (it has a `respondent` field)."""
    return any(f.name == "respondent" for f in spec.fields)


def summary_state(stages: Iterable[str], current: str, *, condemnatory: bool = False) -> str:
    """The proceeding's state that its respondents' stages give (domain.md 3.2), from its
    `current` state.

    - Every respondent prescribed: `prescribed` (from any state).
    - Before the decision (instruction, defence, report: `opened` .. `report`) and once ended:
      the proceeding's own state (its instruction triggers move it).
    - Then, over the respondents not prescribed: any still undecided (not accused, or accused
      and not decided: left out, or sent back by a revocation or the court) -> `awaiting_decision`;
      else any at court (appeal lodged or file sent) -> `appealed`; else any decided and not
      notified -> `decided`; else any notified (appeal term running) -> `notified`; else every
      one is final or beyond: `closed` when every one is closed and the decision, if
      condemnatory, was published, else `published` when it was, else `final`.
    """
    stages = [Stage(s) for s in stages]
    if not stages or current in ("closed", "prescribed"):
        return current
    if all(s == Stage.prescribed for s in stages):
        return "prescribed"
    if current in BEFORE_DECISION:
        return current
    live = [s for s in stages if s != Stage.prescribed]
    if any(s in UNDECIDED for s in live):
        return "awaiting_decision"
    if any(s in AT_COURT for s in live):
        return "appealed"
    if any(s == Stage.decided for s in live):
        return "decided"
    if any(s == Stage.notified for s in live):
        return "notified"
    published = current == "published"
    if all(s == Stage.closed for s in live) and (published or not condemnatory):
        return "closed"
    return "published" if published else "final"


BEFORE_DECISION = frozenset({"opened", "instruction", "suspended_at_prosecutor",
                             "awaiting_defence", "report"})

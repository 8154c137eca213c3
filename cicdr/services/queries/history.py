"""The case history in human words: every audit event as a sentence, with its details.

`describe(event, names)` turns an audit event into "Ana Costa (officer) started triage.",
"The system closed the complaint (its proceeding closed).", "The complainant sent 2 files."...,
with the state change in words, the deadlines it started ("10 working days for the
complainant's answer, due 2026-03-24"), the data the trigger carried under the labels of its
form, and field-level edits (`{"changes": {field: {"old", "new"}}}`, or the bare
`{field: {"old", "new"}}` of account changes) as old/new rows. The sentences live in
`sentences.py`; an action without words of its own still reads sensibly (the trigger's
label, or the action's name in words) and is flagged `known=False`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cicdr.services.queries import sentences as w
from workflows import deadlines, irreversible, labels, workflows
from workflows.spec import Role
from workflows.tables import LegalTables
from workflows.text import N_, Msg, join

ACCESS_PREFIX = "access."
_CODE = re.compile(r"[a-z]+(_[a-z]+)+")  # a vocabulary code such as manifestly_unfounded
# Shown elsewhere in the sentence, or meaningless to a reader.
_HIDDEN = {"deadlines", "changes", "endpoint", "attachments", "attachment_id", "message_id",
           "sha256", "respondent_names"}


@dataclass(frozen=True)
class Change:
    """One field of an edit: its name in words, the value before and after."""

    field: Msg | str
    old: Msg | str
    new: Msg | str


@dataclass(frozen=True)
class Description:
    """An audit event in words."""

    sentence: Msg | str
    state_change: Msg | str | None = None  # "received → triage", "new: received"
    details: tuple[tuple[Msg | str, Msg | str], ...] = ()  # (label, value) of its data
    deadlines: tuple[Msg | str, ...] = ()  # the deadlines it started, each in words
    changes: tuple[Change, ...] = ()
    known: bool = True  # False: no words of its own (a fallback sentence)


def words(code: Any) -> str:
    """A code as words: `manifestly_unfounded` -> `manifestly unfounded`; None -> `—`."""
    return "—" if code is None or code == "" else str(code).replace("_", " ")


class Facts:
    """What a sentence may use: who acted, the event's subject and its data, formatted."""

    def __init__(self, event: Any, names: Mapping[int, str]) -> None:
        self.event, self.names = event, names
        self.role: str = event.role
        self.subject_type: str = event.subject_type
        self.from_state: str | None = event.from_state
        self.ref: str = event.subject_ref or (str(event.subject_id) if event.subject_id else "")
        self.data: dict[str, Any] = load_data(event.data)
        self.who: Msg | str = actor(event, names)

    def get(self, key: str) -> Any:
        """A raw value of the data, or `—`."""
        value = self.data.get(key)
        return "—" if value is None or value == "" else value

    def word(self, key: str) -> Msg | str:
        """A code of the data by its name (the legal core's), else in words."""
        return labels.label("choice", self.data.get(key))

    def user(self, key: str) -> str:
        return user_name(self.data.get(key), self.names)

    def body(self, key: str) -> Msg | str:
        return w.BODIES.get(str(self.data.get(key)), words(self.data.get(key)))

    def channel(self, key: str) -> Msg | str:
        return w.CHANNELS.get(str(self.data.get(key)), words(self.data.get(key)))

    def count(self, key: str) -> int:
        value = self.data.get(key)
        return len(value) if isinstance(value, list) else 0


def load_data(raw: Any) -> dict[str, Any]:
    """The event's data as a dict (empty when it is not a JSON object)."""
    if isinstance(raw, Mapping):
        return dict(raw)
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def user_name(value: Any, names: Mapping[int, str]) -> str:
    """A staff member's name from their id (as stored: int or string)."""
    try:
        return names.get(int(value), N_("user #%(id)s", id=value))
    except (TypeError, ValueError):
        return words(value)


def actor(event: Any, names: Mapping[int, str]) -> Msg:
    """Who acted, for the start of a sentence: "Ana Costa (officer)", "The complainant"."""
    if event.role == Role.COMPLAINANT:
        return N_("The complainant")
    if event.role == Role.SYSTEM:
        return N_("The system")
    name = names.get(event.actor_id) if event.actor_id is not None else None
    return N_("%(name)s (%(role)s)", name=name or event.actor_label or N_("Someone"),
              role=labels.label("role", event.role))


def describe(event: Any, names: Mapping[int, str],
             tables: LegalTables | None = None) -> Description:
    """The event in words: sentence, state change, details, deadlines (their rules from
    `tables`, the default tables when None) and field changes."""
    facts = Facts(event, names)
    sentence, known = _sentence(event.action, facts)
    return Description(
        sentence=N_("%(sentence)s.", sentence=sentence),
        state_change=state_change(event.from_state, event.to_state),
        details=_details(event.action, facts),
        deadlines=tuple(deadline(d, tables) for d in facts.data.get("deadlines") or ()
                        if isinstance(d, Mapping)),
        changes=changes(facts.data, names),
        known=known,
    )


def _sentence(action: str, facts: Facts) -> tuple[Msg | str, bool]:
    if action.startswith(ACCESS_PREFIX):
        what = action[len(ACCESS_PREFIX):]
        own = w.ACCESS.get(what)
        return (own(facts), True) if own else (
            N_("%(who)s read: %(what)s", who=facts.who, what=words(what)), False)
    own = w.BY_SUBJECT.get(facts.subject_type, {}).get(action) or w.ANY.get(action)
    if own is not None:
        return own(facts), True
    spec = trigger(facts.subject_type, action)
    label = spec.label if spec is not None else labels.label("action", action)
    if facts.data.get("changes"):
        fields = ", ".join(words(k) for k in facts.data["changes"])
        return N_("%(who)s: %(what)s (changed %(fields)s)", who=facts.who, what=label,
                  fields=fields), False
    return N_("%(who)s: %(what)s", who=facts.who, what=label), False


def action_label(subject_type: str, action: str) -> Msg | str:
    """An audit event's action by its name: its own (`labels.ACTIONS`), else the label of the
    trigger of that name (in the subject's workflow first), else the action in words."""
    if action in labels.ACTIONS:
        return labels.ACTIONS[action]
    spec = trigger(subject_type, action)
    if spec is None:
        spec = next((wf.triggers[action] for wf in workflows().values()
                     if action in wf.triggers), None)
    return spec.label if spec is not None else words(action)


def trigger(workflow: str, action: str) -> Any:
    """The trigger named `action` in `workflow`'s table, or None."""
    wf = workflows().get(workflow)
    return wf.triggers.get(action) if wf is not None else None


def state_change(source: str | None, dest: str | None) -> Msg | None:
    """The move in words ("received → triage"), "new: received", or None when none."""
    if not dest or source == dest:
        return None
    if source:
        return N_("%(source)s → %(dest)s", source=labels.state_label(source),
                  dest=labels.state_label(dest))
    return N_("new: %(state)s", state=labels.state_label(dest))


def deadline(started: Mapping[str, Any], tables: LegalTables | None = None) -> Msg:
    """A started deadline in words: "10 working days for the complainant's answer, due ...",
    with the rule of `tables` (the default tables when None)."""
    kind = str(started.get("kind"))
    what = w.DEADLINES.get(kind, words(kind))
    due = started.get("due")
    try:
        rule = deadlines.rule(kind, tables=tables)
    except KeyError:
        return N_("Deadline for %(what)s, due %(due)s", what=what, due=due)
    if rule.unit == "years":
        return N_("%(n)s years for %(what)s, due %(due)s", n=rule.length, what=what, due=due)
    if rule.counting == "working":
        return N_("%(n)s working days for %(what)s, due %(due)s", n=rule.length, what=what,
                  due=due)
    return N_("%(n)s calendar days for %(what)s, due %(due)s", n=rule.length, what=what,
              due=due)


def changes(data: Mapping[str, Any], names: Mapping[int, str]) -> tuple[Change, ...]:
    """Field-level edits: `{"changes": {f: {"old", "new"}}}`, or every value such a pair."""
    nested = data.get("changes")
    edits: Mapping[str, Any] = nested if isinstance(nested, Mapping) else data
    pairs = {k: v for k, v in edits.items() if _is_pair(v)}
    if not pairs or (edits is data and len(pairs) != len(data)):
        return ()
    return tuple(Change(field_name(k), value(k, v["old"], names),
                        value(k, v["new"], names)) for k, v in pairs.items())


# The fields an edit or an event's data names, in words (a field without a name of its own
# reads as its key in words).
_FIELD_NAMES = {
    "confirmed": N_("confirmed"), "consequence": N_("consequence shown"),
    "assignee_id": N_("assignee"), "instructor_id": N_("instructor"), "assignee": N_("assignee"),
    "instructor": N_("instructor"), "facts_date": N_("date of the facts"),
    "district": N_("district"), "place": N_("place"), "context": N_("context"),
    "practice": N_("practice"), "grounds": N_("grounds"), "kind": N_("kind"), "name": N_("name"),
    "unit": N_("unit"), "officer_identification": N_("officer identification"),
    "security_force": N_("security force"), "negligent": N_("negligence or attempt"),
    "role": N_("role"), "active": N_("active"), "require_2fa": N_("two-factor sign-in required"),
    "language": N_("language"), "label": N_("label"), "position": N_("order"),
    "oversight_body": N_("oversight body"), "length": N_("length"), "counting": N_("counting"),
    "amount": N_("amount"), "year": N_("year"), "reason": N_("reason"), "note": N_("note"),
    "complaint": N_("complaint"), "proceeding": N_("proceeding"), "format": N_("format"),
    "filename": N_("file"), "files": N_("files"), "entity": N_("entity"),
    "vocabulary": N_("vocabulary"), "code": N_("code"), "reason_code": N_("reason"),
    "retention_years": N_("retention years"), "outcome": N_("outcome"), "body": N_("body"),
    "purpose": N_("purpose"), "summary": N_("summary"), "channel": N_("channel"),
    "kind_of": N_("kind"), "q": N_("search"), "period": N_("period"), "events": N_("events"),
    "carnival": N_("Carnival Tuesday"), "lisbon": N_("13 June (Lisbon)"),
    "sent_on": N_("sent on"), "external_reference": N_("their reference"),
    # each respondent's own procedure (issue 12): whom an event is about, which texts were written
    "respondent": N_("respondent"), "respondent_name": N_("respondent name"),
    "respondent_names": N_("respondents"), "written": N_("texts written"),
    "facts_charged": N_("facts charged"), "norms": N_("norms violated"),
    "facts_proven": N_("facts proven"), "facts_not_proven": N_("facts not proven"),
    "evidence": N_("evidence and its assessment"), "reasons": N_("reasons"),
}


def field_name(key: str) -> Msg | str:
    """A field of an edit or of an event's data, in words."""
    return _FIELD_NAMES.get(key) or words(key)


def _is_pair(v: Any) -> bool:
    return isinstance(v, Mapping) and set(v) == {"old", "new"}


def value(key: str, raw: Any, names: Mapping[int, str]) -> Msg | str:
    """A stored value for a reader: names for staff ids, words for codes, yes/no for flags."""
    if raw is None or raw == "":
        return "—"
    if isinstance(raw, bool):
        return N_("yes") if raw else N_("no")
    if key in ("assignee", "instructor", "user", "registered_by", "assignee_id",
               "instructor_id") or key.endswith("_by_id"):
        return user_name(raw, names)
    if key == "body":
        return w.BODIES.get(str(raw), words(raw))
    if key == "consequence":  # the sentence confirmed, in the reader's language
        return irreversible.shown(str(raw))
    if isinstance(raw, list):
        return ", ".join(str(value(key, x, names)) for x in raw) or "—"
    if isinstance(raw, Mapping):
        return "; ".join(f"{words(k)}: {value(k, v, names)}" for k, v in raw.items())
    if key == "state" or key.endswith("_state"):
        return labels.state_label(raw)
    if key == "kind" and str(raw) in labels.DEADLINES:
        return labels.DEADLINES[str(raw)]
    return labels.label("choice", raw) if _CODE.fullmatch(str(raw)) or str(raw) in \
        labels.CHOICES else str(raw)


def _details(action: str, facts: Facts) -> tuple[tuple[Msg | str, Msg | str], ...]:
    """The data under the labels of the trigger's form (or the key in words otherwise)."""
    if action.startswith(ACCESS_PREFIX):
        return ()  # the sentence says what was read
    spec = trigger(facts.subject_type, action)
    fields = {f.name: f.label for f in spec.fields} if spec is not None else {}
    rows: list[tuple[Msg | str, Msg | str]] = []
    for key, raw in facts.data.items():
        if key in _HIDDEN or _is_pair(raw) or raw in (None, "", [], {}):
            continue
        if key == "decisions" and isinstance(raw, Mapping):
            rows += [(N_("Decision for respondent #%(id)s", id=rid), _decision(d))
                     for rid, d in raw.items()]
            continue
        rows.append((fields.get(key) or field_name(key), value(key, raw, facts.names)))
    return tuple(rows)


def _decision(d: Any) -> Msg | str:
    if not isinstance(d, Mapping):
        return words(d)
    outcome = labels.label("outcome", d.get("outcome"))
    text = (N_("%(outcome)s of EUR %(amount)s", outcome=outcome, amount=d["amount"])
            if d.get("amount") else outcome)
    extras = [N_("%(kind)s (%(months)s months)", kind=labels.label("accessory", a.get("kind")),
                 months=a.get("months"))
              for a in d.get("accessories") or () if isinstance(a, Mapping)]
    if not extras:
        return text
    return N_("%(decision)s, with %(accessories)s", decision=text,
              accessories=join(extras, ", "))

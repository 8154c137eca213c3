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
from workflows import deadlines, workflows
from workflows.spec import Role
from workflows.tables import LegalTables

ACCESS_PREFIX = "access."
_CODE = re.compile(r"[a-z]+(_[a-z]+)+")  # a vocabulary code such as manifestly_unfounded
_HIDDEN = {"deadlines", "changes", "endpoint", "attachments", "attachment_id", "message_id",
           "sha256"}  # shown elsewhere in the sentence, or meaningless to a reader


@dataclass(frozen=True)
class Change:
    """One field of an edit: its name in words, the value before and after."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Description:
    """An audit event in words."""

    sentence: str
    state_change: str | None = None  # "received → triage", "new: received"
    details: tuple[tuple[str, str], ...] = ()  # (label, value) of the data it carried
    deadlines: tuple[str, ...] = ()  # the deadlines it started, each in words
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
        self.who: str = actor(event, names)

    def get(self, key: str) -> Any:
        """A raw value of the data, or `—`."""
        value = self.data.get(key)
        return "—" if value is None or value == "" else value

    def word(self, key: str) -> str:
        return words(self.data.get(key))

    def user(self, key: str) -> str:
        return user_name(self.data.get(key), self.names)

    def body(self, key: str) -> str:
        return w.BODIES.get(str(self.data.get(key)), words(self.data.get(key)))

    def channel(self, key: str) -> str:
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
        return names.get(int(value), f"user #{value}")
    except (TypeError, ValueError):
        return words(value)


def actor(event: Any, names: Mapping[int, str]) -> str:
    """Who acted, for the start of a sentence: "Ana Costa (officer)", "The complainant"."""
    if event.role == Role.COMPLAINANT:
        return "The complainant"
    if event.role == Role.SYSTEM:
        return "The system"
    name = names.get(event.actor_id) if event.actor_id is not None else None
    return f"{name or event.actor_label or 'Someone'} ({event.role})"


def describe(event: Any, names: Mapping[int, str],
             tables: LegalTables | None = None) -> Description:
    """The event in words: sentence, state change, details, deadlines (their rules from
    `tables`, the default tables when None) and field changes."""
    facts = Facts(event, names)
    sentence, known = _sentence(event.action, facts)
    return Description(
        sentence=sentence + ".",
        state_change=state_change(event.from_state, event.to_state),
        details=_details(event.action, facts),
        deadlines=tuple(deadline(d, tables) for d in facts.data.get("deadlines") or ()
                        if isinstance(d, Mapping)),
        changes=changes(facts.data, names),
        known=known,
    )


def _sentence(action: str, facts: Facts) -> tuple[str, bool]:
    if action.startswith(ACCESS_PREFIX):
        what = action[len(ACCESS_PREFIX):]
        own = w.ACCESS.get(what)
        return (own(facts), True) if own else (f"{facts.who} read: {words(what)}", False)
    own = w.BY_SUBJECT.get(facts.subject_type, {}).get(action) or w.ANY.get(action)
    if own is not None:
        return own(facts), True
    spec = trigger(facts.subject_type, action)
    label = spec.label if spec is not None else words(action)
    if facts.data.get("changes"):
        fields = ", ".join(words(k) for k in facts.data["changes"])
        return f"{facts.who}: {label} (changed {fields})", False
    return f"{facts.who}: {label}", False


def trigger(workflow: str, action: str) -> Any:
    """The trigger named `action` in `workflow`'s table, or None."""
    wf = workflows().get(workflow)
    return wf.triggers.get(action) if wf is not None else None


def state_change(source: str | None, dest: str | None) -> str | None:
    """The move in words ("received → triage"), "new: received", or None when none."""
    if not dest or source == dest:
        return None
    return f"{words(source)} → {words(dest)}" if source else f"new: {words(dest)}"


def deadline(started: Mapping[str, Any], tables: LegalTables | None = None) -> str:
    """A started deadline in words: "10 working days for the complainant's answer, due ...",
    with the rule of `tables` (the default tables when None)."""
    kind = str(started.get("kind"))
    what = w.DEADLINES.get(kind, words(kind))
    try:
        rule = deadlines.rule(kind, tables=tables)
    except KeyError:
        return f"{what[:1].upper()}{what[1:]}, due {started.get('due')}"
    counting = f" {rule.counting}" if rule.unit == "days" else ""
    return f"{rule.length}{counting} {rule.unit} for {what}, due {started.get('due')}"


def changes(data: Mapping[str, Any], names: Mapping[int, str]) -> tuple[Change, ...]:
    """Field-level edits: `{"changes": {f: {"old", "new"}}}`, or every value such a pair."""
    nested = data.get("changes")
    edits: Mapping[str, Any] = nested if isinstance(nested, Mapping) else data
    pairs = {k: v for k, v in edits.items() if _is_pair(v)}
    if not pairs or (edits is data and len(pairs) != len(data)):
        return ()
    return tuple(Change(words(_FIELD_NAMES.get(k, k)), value(k, v["old"], names),
                        value(k, v["new"], names)) for k, v in pairs.items())


# Columns whose name says less than the thing they hold.
_FIELD_NAMES = {"assignee_id": "assignee", "instructor_id": "instructor"}


def _is_pair(v: Any) -> bool:
    return isinstance(v, Mapping) and set(v) == {"old", "new"}


def value(key: str, raw: Any, names: Mapping[int, str]) -> str:
    """A stored value for a reader: names for staff ids, words for codes, yes/no for flags."""
    if raw is None or raw == "":
        return "—"
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if key in ("assignee", "instructor", "user", "registered_by", "assignee_id",
               "instructor_id") or key.endswith("_by_id"):
        return user_name(raw, names)
    if key == "body":
        return w.BODIES.get(str(raw), words(raw))
    if isinstance(raw, list):
        return ", ".join(value(key, x, names) for x in raw) or "—"
    if isinstance(raw, Mapping):
        return "; ".join(f"{words(k)}: {value(k, v, names)}" for k, v in raw.items())
    return words(raw) if _CODE.fullmatch(str(raw)) else str(raw)


def _details(action: str, facts: Facts) -> tuple[tuple[str, str], ...]:
    """The data under the labels of the trigger's form (or the key in words otherwise)."""
    if action.startswith(ACCESS_PREFIX):
        return ()  # the sentence says what was read
    spec = trigger(facts.subject_type, action)
    labels = {f.name: f.label for f in spec.fields} if spec is not None else {}
    rows = []
    for key, raw in facts.data.items():
        if key in _HIDDEN or _is_pair(raw) or raw in (None, "", [], {}):
            continue
        if key == "decisions" and isinstance(raw, Mapping):
            rows += [(f"Decision for respondent #{rid}", _decision(d)) for rid, d in raw.items()]
            continue
        rows.append((labels.get(key, words(key).capitalize()), value(key, raw, facts.names)))
    return tuple(rows)


def _decision(d: Any) -> str:
    if not isinstance(d, Mapping):
        return words(d)
    text = words(d.get("outcome"))
    if d.get("amount"):
        text += f" of EUR {d['amount']}"
    extras = [f"{words(a.get('kind'))} ({a.get('months')} months)"
              for a in d.get("accessories") or () if isinstance(a, Mapping)]
    return text + (", with " + ", ".join(extras) if extras else "")

"""One shared `transitions` machine per workflow, and short-lived adapters bound to a record.

Building a machine per record is slow and registering records on a shared machine leaks memory
when they are not removed (stack.md, measured). So each workflow builds its machine once, with no
model; an operation wraps the record in an `_Adapter`, registers it with `add_model`, fires, and
removes it in a `finally` block. The adapter proxies `state` to the record and carries the guard
context, so the record itself never receives the ~100 attributes `transitions` injects.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from typing import Any

from transitions import Machine, MachineError

from workflows import deadlines
from workflows.labels import label, role_list, state_label
from workflows.spec import (
    Actor,
    Context,
    DataCheck,
    Guard,
    InvalidData,
    Start,
    TransitionDenied,
    Trigger,
)
from workflows.tables import LegalTables
from workflows.text import N_


@dataclass(frozen=True)
class StartedDeadline:
    """A deadline the transition starts, with its computed due date."""

    kind: str
    start: date
    due: date
    on: str = "subject"  # or the related record it belongs to (see spec.Start)


@dataclass(frozen=True)
class TransitionRecord:
    """What happened, for the service to persist and write as an audit event."""

    workflow: str
    trigger: str
    source: str
    dest: str
    data: dict[str, Any]
    started: tuple[StartedDeadline, ...] = ()
    stopped: tuple[str, ...] = ()
    interrupts_prescription: bool = False


@dataclass(frozen=True)
class Option:
    """One trigger as offered to a user: allowed now, or blocked with the reason."""

    trigger: Trigger
    allowed: bool
    reason: str | None = None

    @property
    def name(self) -> str:
        """The trigger id."""
        return self.trigger.name


class _Adapter:
    """Registered on the shared machine for one operation; proxies `state` to the record."""

    def __init__(self, subject: Any, context: Context) -> None:
        self._subject = subject
        self.context = context
        self.record: tuple[str, str] | None = None

    @property
    def state(self) -> str:
        return str(self._subject.state)

    @state.setter
    def state(self, value: Any) -> None:
        self._subject.state = value.value if isinstance(value, Enum) else str(value)


@dataclass
class Workflow:
    """A legal workflow: its states, its transitions as data, and its trigger table."""

    name: str
    states: type[StrEnum]
    transitions: Sequence[Mapping[str, Any]]
    triggers: Mapping[str, Trigger]
    terminal: frozenset[str] = frozenset()
    machine: Machine = field(init=False, repr=False)

    def __post_init__(self) -> None:
        declared = {t["trigger"] for t in self.transitions}
        if declared != set(self.triggers):
            raise ValueError(f"{self.name}: transitions and trigger table differ: "
                             f"{sorted(declared ^ set(self.triggers))}")
        self.machine = Machine(
            model=None,
            states=list(self.states),
            transitions=[dict(t) for t in self.transitions],
            initial=None,
            auto_transitions=False,
            send_event=True,
            after_state_change=self._remember,
        )

    @staticmethod
    def _remember(event: Any) -> None:
        dest = event.transition.dest or event.transition.source
        event.model.record = (event.transition.source, dest)

    # -- reading ---------------------------------------------------------------------------------

    def transitions_from(self, state: str, trigger_name: str) -> list[Mapping[str, Any]]:
        """The declared transitions of `trigger_name` whose source is `state`."""
        return [t for t in self.transitions if t["trigger"] == trigger_name
                and state in _names(t["source"])]

    def triggers_from(self, state: str) -> list[Trigger]:
        """Triggers declared from `state`, in table order."""
        names = {t["trigger"] for t in self.transitions if state in _names(t["source"])}
        return [t for name, t in self.triggers.items() if name in names]

    def blocked_reason(self, subject: Any, actor: Actor, name: str, ctx: Context) -> str | None:
        """Why `actor` cannot fire `name` on `subject` now, or None when nothing blocks it."""
        spec = self.triggers.get(name)
        if spec is None:
            return N_("There is no action '%(name)s' for a %(workflow)s.", name=name,
                      workflow=self.name)
        if actor.role not in spec.roles:
            return N_("Only %(who)s may do this.", who=role_list(spec.roles))
        candidates = self.transitions_from(subject.state, name)
        if not candidates:
            return N_("Not possible while %(workflow)s is %(state)s.",
                      workflow=label("workflow", self.name), state=state_label(subject.state))
        reasons = []
        for transition in candidates:
            unmet = [g for g in transition.get("conditions", ()) if not g.holds(ctx)]
            if not unmet:
                return None
            reasons.append(unmet[0].explain(ctx))
        return reasons[0]

    def options(self, subject: Any, actor: Actor, today: date, *,
                tables: LegalTables | None = None) -> list[Option]:
        """Every trigger declared from the subject's state: allowed, or blocked with a reason.

        Guards read the legal tables `tables` (the default tables when None). A trigger
        declared `only_when` a condition is left out while it does not hold."""
        ctx = Context(subject=subject, actor=actor, today=today, tables=tables)
        result = []
        for spec in self.triggers_from(subject.state):
            if spec.only_when is not None and not spec.only_when.holds(ctx):
                continue
            reason = self.blocked_reason(subject, actor, spec.name, ctx)
            result.append(Option(spec, reason is None, reason))
        return result

    # -- acting ----------------------------------------------------------------------------------

    def clean(self, spec: Trigger, ctx: Context, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Validate the trigger's data; raise InvalidData with a message per field."""
        errors: dict[str, str] = {}
        cleaned: dict[str, Any] = {}
        for f in spec.fields:
            try:
                cleaned[f.name] = f.clean(raw.get(f.name), ctx.today)
            except ValueError as exc:
                errors[f.name] = exc.args[0] if exc.args else str(exc)
        if not errors and spec.check_data is not None:
            ctx.data = cleaned
            errors.update(spec.check_data(ctx))
        if errors:
            raise InvalidData(errors)
        return cleaned

    @contextmanager
    def bound(self, subject: Any, ctx: Context) -> Iterator[_Adapter]:
        """Register an adapter for `subject` on the shared machine for one operation only."""
        adapter = _Adapter(subject, ctx)
        self.machine.add_model(adapter, initial=subject.state)
        try:
            yield adapter
        finally:
            self.machine.remove_model(adapter)

    def validate(self, subject: Any, name: str, actor: Actor, today: date,
                 data: Mapping[str, Any] | None = None, *,
                 tables: LegalTables | None = None,
                 check: DataCheck | None = None) -> dict[str, Any]:
        """Everything `fire` checks before the subject moves (role, state, guards, data, the
        caller's `check`), moving nothing: the cleaned data, or TransitionDenied / InvalidData
        as `fire` would raise them. What a confirmation page shows before the real firing."""
        return self._checked(subject, name, actor, today, data, tables, check)[1].data

    def _checked(self, subject: Any, name: str, actor: Actor, today: date,
                 data: Mapping[str, Any] | None, tables: LegalTables | None,
                 check: DataCheck | None) -> tuple[Trigger, Context]:
        ctx = Context(subject=subject, actor=actor, today=today, tables=tables)
        spec = self.triggers.get(name)
        reason = self.blocked_reason(subject, actor, name, ctx)
        if reason is not None or spec is None:
            raise TransitionDenied(reason or N_("Unknown action."))
        ctx.data = self.clean(spec, ctx, data or {})
        refused = check(ctx) if check is not None else {}
        if refused:
            raise InvalidData(refused)
        return spec, ctx

    def fire(self, subject: Any, name: str, actor: Actor, today: date,
             data: Mapping[str, Any] | None = None, *,
             tables: LegalTables | None = None,
             check: DataCheck | None = None) -> TransitionRecord:
        """Check role, state, data and guards, move the subject, and say what happened.

        Guards, data checks and the due dates of started deadlines all read `tables` (the
        default legal tables when None). `check` is the caller's own check of the cleaned data
        (the service's look-ups in the database: is this user an active officer, is that
        proceeding open); it runs after the declared checks and before the machine moves, so a
        refusal leaves the subject as it was. Raises TransitionDenied (with the reason) or
        InvalidData (per field). The subject's state is changed in memory only; persisting and
        auditing it is the service's job.
        """
        spec, ctx = self._checked(subject, name, actor, today, data, tables, check)
        cleaned = ctx.data
        with self.bound(subject, ctx) as adapter:
            try:
                fired = adapter.trigger(name)  # type: ignore[attr-defined]
            except MachineError as exc:  # never let a raw library error reach a view
                raise TransitionDenied(str(exc.value)) from exc
            if not fired or adapter.record is None:
                raise TransitionDenied(N_("The action's conditions are not met."))
            source, dest = adapter.record
        started = tuple(_start(s, ctx, tables) for s in spec.starts if s.applies(ctx))
        return TransitionRecord(
            workflow=self.name, trigger=name, source=source, dest=dest, data=cleaned,
            started=started, stopped=spec.stops,
            interrupts_prescription=spec.interrupts_prescription,
        )

    def describe(self) -> dict[str, Any]:
        """The machine as plain data: states and triggers with roles, fields and deadlines."""
        return {
            "name": self.name,
            "states": [s.value for s in self.states],
            "terminal": sorted(self.terminal),
            "triggers": [
                {
                    "trigger": t.name,
                    "label": t.label,
                    "summary": t.summary,
                    "roles": sorted(t.roles),
                    "transitions": [
                        {"source": sorted(_names(x["source"])),
                         "dest": _name(x["dest"]) if x.get("dest") else None,
                         "guards": [g.name for g in x.get("conditions", ())]}
                        for x in self.transitions if x["trigger"] == t.name
                    ],
                    "fields": [{"name": f.name, "kind": f.kind, "required": f.required,
                                "choices": list(f.choices)} for f in t.fields],
                    "starts": [s.kind for s in t.starts],
                    "stops": list(t.stops),
                    "interrupts_prescription": t.interrupts_prescription,
                }
                for t in self.triggers.values()
            ],
        }


def _start(start: Start, ctx: Context, tables: LegalTables | None) -> StartedDeadline:
    begin = start.begins(ctx)
    due = deadlines.due_date(start.kind, begin, tables=tables)
    return StartedDeadline(start.kind, begin, due, start.on)


def _name(state: Any) -> str:
    return state.value if isinstance(state, Enum) else str(state)


def _names(source: Any) -> set[str]:
    if isinstance(source, list | tuple | set | frozenset):
        return {_name(s) for s in source}
    return {_name(source)}


def all_guards(workflow: Workflow) -> list[Guard]:
    """Every distinct guard used by a workflow (for documentation and tests)."""
    seen: dict[str, Guard] = {}
    for t in workflow.transitions:
        for g in t.get("conditions", ()):
            seen.setdefault(g.name, g)
    return list(seen.values())

"""Building blocks for declaring a workflow as data: roles, fields, guards and triggers.

A workflow module (complaint, proceeding, referral) declares its states as an Enum, its transitions
as a list of dicts that `transitions` reads, and a table of `Trigger` objects keyed by trigger name
that says who may fire it, what data it requires, and which deadlines it starts and stops. Guards
are plain objects shared by both: `transitions` calls them as conditions, and
`available_triggers` asks them for the readable reason when they are unmet.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, Protocol

from workflows.tables import LegalTables
from workflows.text import N_, Count


class Role:
    """The role ids of domain.md section 2, plus the two non-staff actors."""

    OFFICER = "officer"
    PRESIDENT = "president"
    COMMISSIONER = "commissioner"
    AUDITOR = "auditor"
    ADMIN = "admin"
    COMPLAINANT = "complainant"  # the person who filed, acting with reference + access code
    SYSTEM = "system"  # scheduled jobs: closing, finality, prescription

    STAFF = (OFFICER, PRESIDENT, COMMISSIONER, AUDITOR, ADMIN)
    ALL = (*STAFF, COMPLAINANT, SYSTEM)


class Actor(Protocol):
    """Whoever fires a trigger: a staff user, the complainant or the system."""

    @property
    def id(self) -> Any: ...

    @property
    def role(self) -> str: ...


class WorkflowError(Exception):
    """Base class of the workflow's domain errors."""


class TransitionDenied(WorkflowError):
    """A trigger cannot be fired now; `reason` says why in words a user understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidData(WorkflowError):
    """The data given to a trigger is missing or wrong; `errors` maps field name to message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


@dataclass
class Context:
    """What a guard may look at: the subject, the actor, the (cleaned) data, today's date and
    the legal tables in force (None: the default tables)."""

    subject: Any
    actor: Actor
    today: date
    data: dict[str, Any] = field(default_factory=dict)
    tables: LegalTables | None = None


FieldKind = Literal["text", "date", "choice", "amount", "user", "reference", "decisions",
                    "documents", "deadline", "respondent"]


@dataclass(frozen=True)
class Field:
    """One piece of data a trigger requires (or accepts), with its own cleaning rule."""

    name: str
    kind: FieldKind
    label: str
    required: bool = True
    choices: tuple[str, ...] = ()
    vocabulary: str | None = None  # name of the reference table the choices come from
    not_in_future: bool = False
    max_length: int = 10_000  # text: what the column that keeps it holds
    refusal: str | None = None  # choice: the message for a value outside `choices`

    def clean(self, raw: Any, today: date) -> Any:
        """Return the typed value, or raise ValueError with a message for the user."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                raise ValueError(N_("This field is required."))
            return None
        cleaner = _CLEANERS.get(self.kind, _clean_passthrough)
        value = cleaner(self, raw)
        if self.kind == "date" and self.not_in_future and value > today:
            raise ValueError(N_("The date cannot be in the future."))
        return value


def _clean_text(spec: Field, raw: Any) -> str:
    text = str(raw).strip()
    if "\x00" in text:  # no database column keeps it (PostgreSQL refuses the whole row)
        raise ValueError(N_("Remove the NUL character from the text."))
    if len(text) > spec.max_length:
        raise ValueError(N_("At most %(n)s characters.", n=Count(spec.max_length)))
    return text


def _clean_date(spec: Field, raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise ValueError(N_("Enter a date as YYYY-MM-DD.")) from None


def _clean_choice(spec: Field, raw: Any) -> str:
    value = str(raw).strip()
    if value not in spec.choices:
        raise ValueError(spec.refusal or N_("Choose one of: %(choices)s.",
                                              choices=", ".join(spec.choices)))
    return value


LARGEST_AMOUNT = Decimal("9999999999.99")  # what an amount column (12 digits, 2 decimals) holds


def _clean_amount(spec: Field, raw: Any) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(N_("Enter an amount in euros, e.g. 750.00.")) from None
    if not value.is_finite() or value < 0:
        raise ValueError(N_("Enter an amount in euros, e.g. 750.00."))
    if value > LARGEST_AMOUNT:
        raise ValueError(N_("Enter an amount up to EUR %(amount)s.", amount=f"{LARGEST_AMOUNT:,}"))
    return value.quantize(Decimal("0.01"))


def _clean_user(spec: Field, raw: Any) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValueError(N_("Choose a staff member.")) from None


def _clean_deadline(spec: Field, raw: Any) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise ValueError(N_("Choose a pending request from the list.")) from None


def _clean_documents(spec: Field, raw: Any) -> tuple[int, ...]:
    """Ids of the case's files chosen to go with a letter, in the order given, once each."""
    values = raw if isinstance(raw, list | tuple) else [raw]
    try:
        ids = [int(v) for v in values if str(v).strip()]
    except (TypeError, ValueError):
        raise ValueError(N_("Choose documents from the list.")) from None
    return tuple(dict.fromkeys(ids))


def _clean_passthrough(spec: Field, raw: Any) -> Any:
    return raw


_CLEANERS: dict[str, Callable[[Field, Any], Any]] = {
    "text": _clean_text,
    "date": _clean_date,
    "choice": _clean_choice,
    "amount": _clean_amount,
    "user": _clean_user,
    "reference": _clean_text,
    "documents": _clean_documents,
    "deadline": _clean_deadline,
    "respondent": _clean_text,
}


Reason = str | Callable[[Context], str]


@dataclass(frozen=True)
class Guard:
    """A condition with the reason shown to the user when it is not met."""

    name: str
    test: Callable[[Context], bool]
    reason: Reason

    def holds(self, ctx: Context) -> bool:
        """Evaluate the guard; always a real bool, as `transitions` compares with `== True`."""
        return bool(self.test(ctx))

    def explain(self, ctx: Context) -> str:
        """The readable reason why the guard is unmet."""
        return self.reason(ctx) if callable(self.reason) else self.reason

    def __call__(self, event: Any) -> bool:
        """Condition callback for `transitions` (machines are built with send_event=True)."""
        return self.holds(event.model.context)


@dataclass(frozen=True)
class Start:
    """A deadline a trigger starts: its kind, where its start date comes from, what it is on."""

    kind: str
    from_field: str | None = None  # None: the day the trigger is fired
    on: str = "subject"  # "subject", or a related record the service resolves (e.g. "proceeding")
    when: Callable[[Context], bool] | None = None  # only under this condition
    # A fact of the subject holding the start date (e.g. the end of the running instruction
    # term, for its extension); used when set and not None, before `from_field`.
    from_fact: str | None = None

    def applies(self, ctx: Context) -> bool:
        """Whether this deadline starts for this firing."""
        return self.when is None or bool(self.when(ctx))

    def begins(self, ctx: Context) -> date:
        """The start date of this deadline for this firing: the subject's fact `from_fact`,
        else the data field `from_field`, else the day the trigger is fired."""
        fact = getattr(ctx.subject, self.from_fact, None) if self.from_fact else None
        if isinstance(fact, date):
            return fact
        given = ctx.data.get(self.from_field) if self.from_field else None
        return given if isinstance(given, date) else ctx.today


DataCheck = Callable[[Context], Mapping[str, str]]


@dataclass(frozen=True)
class Trigger:
    """Everything the system knows about a trigger besides its source and destination states."""

    name: str
    label: str
    summary: str
    roles: frozenset[str]
    fields: tuple[Field, ...] = ()
    starts: tuple[Start, ...] = ()
    stops: tuple[str, ...] = ()
    interrupts_prescription: bool = False
    check_data: DataCheck | None = None  # cross-field checks once every field is clean
    # Offered (allowed or blocked with a reason) only while this holds: a trigger that answers
    # an event (e.g. a withdrawal) is not listed as "blocked" on every case without it.
    only_when: Guard | None = None


def trigger(
    name: str,
    label: str,
    summary: str,
    roles: tuple[str, ...],
    *fields: Field,
    starts: tuple[Start, ...] = (),
    stops: tuple[str, ...] = (),
    interrupts_prescription: bool = False,
    check_data: DataCheck | None = None,
    only_when: Guard | None = None,
) -> Trigger:
    """Shorthand used by the workflow tables so each trigger reads as one line of a table."""
    return Trigger(
        name=name,
        label=label,
        summary=summary,
        roles=frozenset(roles),
        fields=fields,
        starts=starts,
        stops=stops,
        interrupts_prescription=interrupts_prescription,
        check_data=check_data,
        only_when=only_when,
    )


def text(name: str, label: str, *, required: bool = True, max_length: int = 10_000) -> Field:
    """A free-text field (of at most `max_length` characters)."""
    return Field(name, "text", label, required=required, max_length=max_length)


def a_date(name: str, label: str, *, required: bool = True) -> Field:
    """A date that cannot lie in the future (it records something that happened)."""
    return Field(name, "date", label, required=required, not_in_future=True)


def choice(name: str, label: str, choices: tuple[str, ...], vocabulary: str | None = None, *,
           refusal: str | None = None) -> Field:
    """A value from a closed list; `refusal` says why another value is refused (the default
    message lists the choices)."""
    return Field(name, "choice", label, choices=choices, vocabulary=vocabulary, refusal=refusal)

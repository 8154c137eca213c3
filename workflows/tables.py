"""The legal tables: every piece of reference data the legal core reads, as one immutable value.

Vocabularies (labels, order, active codes), the oversight body of each security force, the
deadline table, the calendar options and the one-off closure days, which referral bodies need
the president's approval, the IAS by year and the fine multiples with the prescription
threshold derived from them, the fine amount above which a fine prescribes in 3 years, and how
many months after finality the last instalment of a fine may fall. The functions of
`workflows` take a `tables` argument and use `DEFAULT_TABLES` when it is None, so "the tables
as they were on 3 March" is just another value to pass. Nothing here is ever changed in place:
`with_*` methods (and `dataclasses.replace`) return a new value, which lets a process swap the
tables in force with one reference assignment while readers keep the value they took.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from workflows.defaults import (
    DEFAULT_APPROVAL_BODIES,
    DEFAULT_IAS,
    DEFAULT_RULES,
    FINE_PRESCRIPTION_THRESHOLD,
    INSTALMENT_MONTHS,
    MULTIPLES,
    OVERSIGHT_BODY,
    PRESCRIPTION_THRESHOLD,
    VOCABULARIES,
    CalendarOptions,
    Counting,
    DeadlineRule,
    Term,
    UnknownDeadlineKind,
    UnknownIASYear,
    approval_bodies,
    checked_closure_days,
    checked_ias,
    checked_months,
    checked_rule,
    checked_threshold,
)


def frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    """A read-only copy of `mapping` (its order kept): changing it raises TypeError."""
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class LegalTables:
    """All the reference data of the legal core, immutable all the way down."""

    # vocabulary -> code -> label, codes in display order; inactive codes keep their label.
    vocabularies: Mapping[str, Mapping[str, str]]
    # vocabulary -> codes an administrator deactivated (labelled, no longer accepted).
    inactive: Mapping[str, frozenset[str]]
    oversight_body: Mapping[str, str]  # security force -> referral body
    deadline_rules: Mapping[str, DeadlineRule]
    calendar: CalendarOptions
    approval_bodies: frozenset[str]  # referral bodies that need the president's approval
    ias: Mapping[int, Decimal]  # year -> IAS in EUR
    fine_multiples: Mapping[str, tuple[int, int]]  # person -> (min, max) multiples of the IAS
    prescription_threshold: Decimal  # RGCO art. 27: 3-year period from this maximum fine
    # RGCO art. 29(1): a fine above this prescribes in 3 years, otherwise in 1 year.
    fine_prescription_threshold: Decimal = FINE_PRESCRIPTION_THRESHOLD
    # One-off closure days (a declared day off): non-working days like a holiday.
    closure_days: frozenset[date] = frozenset()
    # RGCO art. 88(5): the last instalment at most this many months after finality.
    instalment_months: int = INSTALMENT_MONTHS

    # -- reading ---------------------------------------------------------------------------------

    def labels(self, vocabulary: str) -> Mapping[str, str]:
        """Code -> label of a vocabulary, inactive codes included; KeyError when unknown."""
        return self.vocabularies[vocabulary]

    def codes(self, vocabulary: str) -> tuple[str, ...]:
        """The codes new records may use (active ones), in order; KeyError when unknown."""
        off = self.inactive.get(vocabulary, frozenset())
        return tuple(c for c in self.vocabularies[vocabulary] if c not in off)

    def is_active(self, vocabulary: str, code: str) -> bool:
        """Whether `code` may be used for new records."""
        return (code in self.vocabularies.get(vocabulary, {})
                and code not in self.inactive.get(vocabulary, frozenset()))

    def label(self, vocabulary: str, code: str | None, default: str | None = None) -> str:
        """The label of `code`; the code itself when unknown; `default` (or "") when no code."""
        if not code:
            return "" if default is None else default
        return self.vocabularies.get(vocabulary, {}).get(code, code)

    def oversight_body_for(self, force: str | None) -> str:
        """The body receiving the disciplinary side for `force` (`other` when unknown)."""
        return self.oversight_body.get(force or "other", "other")

    def rule(self, kind: str) -> DeadlineRule:
        """The rule of a deadline kind; raises UnknownDeadlineKind (a KeyError)."""
        try:
            return self.deadline_rules[kind]
        except KeyError:
            raise UnknownDeadlineKind(kind, self.deadline_rules) from None

    def ias_for(self, year: int) -> Decimal:
        """The IAS of `year`; raises UnknownIASYear when the table has none."""
        try:
            return self.ias[year]
        except KeyError:
            raise UnknownIASYear(year) from None

    def needs_approval(self, body: str) -> bool:
        """Whether a referral to `body` leaves only once the president approved it."""
        return body in self.approval_bodies

    # -- deriving a changed copy (the original never changes) -------------------------------------

    def with_terms(self, terms: Iterable[Term]) -> LegalTables:
        """The vocabularies of the reference table: each vocabulary present in `terms` is
        replaced by its rows ordered by (position, code); one absent keeps what it had."""
        grouped: dict[str, list[Term]] = {}
        for term in terms:
            grouped.setdefault(term.vocabulary, []).append(term)
        vocabularies, inactive = dict(self.vocabularies), dict(self.inactive)
        oversight = dict(self.oversight_body)
        for vocabulary, rows in grouped.items():
            rows.sort(key=lambda t: (t.position, t.code))
            vocabularies[vocabulary] = frozen({t.code: t.label for t in rows})
            inactive[vocabulary] = frozenset(t.code for t in rows if not t.active)
            if vocabulary == "security_force":
                oversight.update((t.code, t.oversight_body or "other") for t in rows)
        return replace(self, vocabularies=frozen(vocabularies), inactive=frozen(inactive),
                       oversight_body=frozen(oversight))

    def with_ias(self, year: int, value: Decimal | str | int) -> LegalTables:
        """These tables with the IAS of `year` set (ValueError unless greater than 0)."""
        return replace(self, ias=frozen({**self.ias, year: checked_ias(year, value)}))

    def with_ias_table(self, values: Mapping[int, Decimal]) -> LegalTables:
        """These tables with every year of `values` set (each checked)."""
        checked = {year: checked_ias(year, value) for year, value in values.items()}
        return replace(self, ias=frozen({**self.ias, **checked}))

    def with_fine_prescription_threshold(self, value: Decimal | str | int) -> LegalTables:
        """These tables with the fine amount above which a fine prescribes in 3 years instead
        of 1 (RGCO art. 29(1)); ValueError unless an amount greater than 0."""
        return replace(self, fine_prescription_threshold=checked_threshold(
            "fine prescription threshold", value))

    def with_instalment_months(self, months: int) -> LegalTables:
        """These tables with the longest instalment plan: its last instalment at most `months`
        after the decision became final (RGCO art. 88(5)); ValueError unless 1 to 120."""
        return replace(self, instalment_months=checked_months("instalment plan limit", months))

    def with_rule(self, kind: str, *, length: int | None = None,
                  counting: Counting | None = None) -> LegalTables:
        """These tables with the length and/or counting of `kind` changed, validated
        (ValueError saying what to fix; UnknownDeadlineKind for an unknown kind)."""
        new = checked_rule(self.rule(kind), length=length, counting=counting)
        return replace(self, deadline_rules=frozen({**self.deadline_rules, kind: new}))

    def with_rules(self, overrides: Mapping[str, tuple[int, Counting]]
                   ) -> tuple[LegalTables, list[str]]:
        """These tables with `overrides` (kind -> (length, counting)) applied, each validated,
        and the kinds the table does not know (skipped: a setting left behind by a kind that
        no longer exists must not stop the others)."""
        table, unknown = dict(self.deadline_rules), []
        for kind, (length, counting) in overrides.items():
            if kind not in table:
                unknown.append(kind)
                continue
            table[kind] = checked_rule(table[kind], length=length, counting=counting)
        return replace(self, deadline_rules=frozen(table)), unknown

    def with_calendar(self, *, carnival: bool | None = None,
                      lisbon: bool | None = None) -> LegalTables:
        """These tables with the holiday options changed; an option left None is kept."""
        return replace(self, calendar=CalendarOptions(
            carnival=self.calendar.carnival if carnival is None else bool(carnival),
            lisbon=self.calendar.lisbon if lisbon is None else bool(lisbon)))

    def with_closure_days(self, days: Iterable[date]) -> LegalTables:
        """These tables with exactly these one-off closure days (TypeError for a non-date)."""
        return replace(self, closure_days=checked_closure_days(days))

    def with_approval(self, bodies: Iterable[str] | None) -> LegalTables:
        """These tables with the bodies needing approval (None: the default; the MP always
        needs it; ValueError for an unknown body)."""
        return replace(self, approval_bodies=approval_bodies(bodies))


def _default_tables() -> LegalTables:
    """The tables of the law and of domain.md, before any administrator's change."""
    return LegalTables(
        vocabularies=frozen({name: frozen(labels) for name, labels in VOCABULARIES.items()}),
        inactive=frozen({}),
        oversight_body=frozen(OVERSIGHT_BODY),
        deadline_rules=frozen(DEFAULT_RULES),
        calendar=CalendarOptions(),
        approval_bodies=frozenset(DEFAULT_APPROVAL_BODIES),
        ias=frozen(DEFAULT_IAS),
        fine_multiples=frozen(MULTIPLES),
        prescription_threshold=PRESCRIPTION_THRESHOLD,
        fine_prescription_threshold=FINE_PRESCRIPTION_THRESHOLD,
    )


DEFAULT_TABLES: LegalTables = _default_tables()


def in_force(tables: LegalTables | None) -> LegalTables:
    """`tables`, or the default tables when None (what every `tables=None` argument means)."""
    return DEFAULT_TABLES if tables is None else tables


__all__ = ["DEFAULT_TABLES", "LegalTables", "Term", "frozen", "in_force"]

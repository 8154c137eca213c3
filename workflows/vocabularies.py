"""The vocabularies of domain.md section 6: canonical codes with their Portuguese labels.

The migration loads them into the `vocabulary_terms` table (where an administrator may extend
them). These are the read-only defaults; the vocabularies in force are part of the legal tables
(`workflows.tables.LegalTables`), which every function here takes as an optional `tables`
argument (the default tables when it is None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workflows.defaults import (  # noqa: F401  (names this module always offered)
    CANONICAL,
    OVERSIGHT_BODY,
    VOCABULARIES,
    Term,
)
from workflows.tables import LegalTables, in_force

if TYPE_CHECKING:

    from workflows.tables import LegalTables


# Respondent kinds that are natural persons (fine bounds and prescription of a natural person):
# a person, and a police officer identified by name or badge (domain.md 3.1, police guard).
NATURAL_PERSON_KINDS = frozenset({"natural_person", "security_officer"})
# Respondent kinds that make a complaint police-related: the force, and an identified officer.
POLICE_KINDS = frozenset({"security_force", "security_officer"})


def person_of(kind: str | None) -> str:
    """`natural` or `legal` for a respondent kind: what its fine bounds and prescription read.

    An identified officer (`security_officer`) is a natural person; the force itself
    (`security_force`), a public entity or a company is a legal person."""
    return "natural" if kind in NATURAL_PERSON_KINDS else "legal"


def codes(vocabulary: str, *, tables: LegalTables | None = None) -> tuple[str, ...]:
    """The codes of a vocabulary that new records may use (active ones), in order."""
    return in_force(tables).codes(vocabulary)


def is_active(vocabulary: str, code: str, *, tables: LegalTables | None = None) -> bool:
    """Whether `code` may be used for new records."""
    return in_force(tables).is_active(vocabulary, code)


def label(vocabulary: str, code: str | None, default: str | None = None, *,
          tables: LegalTables | None = None) -> str:
    """The label of `code` (also of an inactive one: old records use it); `default`, else the
    code itself, when the vocabulary does not know it."""
    return in_force(tables).label(vocabulary, code, default)


def oversight_body(force: str | None, *, tables: LegalTables | None = None) -> str:
    """The body that receives the disciplinary side of a complaint against `force`."""
    return in_force(tables).oversight_body_for(force)

"""Reference data: the vocabularies of domain.md section 6, the IAS table, closure days."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from cicdr.extensions import Model


class VocabularyTerm(Model):
    """One code of one vocabulary (ground, context, district, security_force...)."""

    __tablename__ = "vocabulary_terms"

    vocabulary: Mapped[str] = mapped_column(String(40), primary_key=True)
    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))  # Portuguese label; UI translates by code
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # For security forces: the body that receives the disciplinary side (domain.md 1).
    oversight_body: Mapped[str | None] = mapped_column(String(20))


class ClosureDay(Model):
    """A one-off closure day of the services (a declared day off, "tolerância de ponto"): a
    non-working day for deadlines, like a holiday (domain.md section 4)."""

    __tablename__ = "closure_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str] = mapped_column(String(200))


class IasValue(Model):
    """The social support index of a year, the unit of fine bounds."""

    __tablename__ = "ias_values"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))


class ReferenceCounter(Model):
    """The last number given per kind (QN, PCO) and year; bumped inside the creating transaction,
    so a rolled-back creation gives its number back (gapless)."""

    __tablename__ = "reference_counters"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)

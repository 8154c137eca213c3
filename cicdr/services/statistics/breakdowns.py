"""The complaints received in a period, by each coded field: one GROUP BY per breakdown.

Counting rules (issue 13 part 3): a complaint counts when it was received in the period, both
ends included (its `received_at`, a UTC day: Lisbon is on UTC from late October to late March,
so a calendar year is exact); every code of the vocabulary is a key (0 when none), and
`unknown` counts complaints without a value; a complaint with several grounds counts once
under each; `by_victim_sex` counts individual victims (complaints whose victim is one person);
`by_respondent_kind` and `by_security_force` count complaints against each kind or force (once
per complaint even when it names two respondents of that kind; `unknown`: no respondent named,
or a police respondent without its force).

Every query starts from `ix_complaints_statistics` (received_at and the coded columns), so a
year is read from the index alone; the joined tables are reached by their complaint id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select, tuple_

from cicdr.models import Complaint, ComplaintGround, Party
from cicdr.services.core.types import DbSession
from workflows.tables import LegalTables
from workflows.vocabularies import POLICE_KINDS

UNKNOWN = "unknown"
PRACTICES = tuple("abcdefghij")
# The breakdowns of the complaints, in the report's order: key -> (column, vocabulary).
COLUMNS: Mapping[str, tuple[Any, str]] = {
    "by_origin": (Complaint.origin, "origin"),
    "by_channel": (Complaint.channel, "channel"),
    "by_district": (Complaint.district, "district"),
    "by_context": (Complaint.context, "context"),
    "by_practice": (Complaint.practice, "practice"),
    "by_expression": (Complaint.expression, "expression"),
    "by_victim_kind": (Complaint.victim_kind, "victim_kind"),
}
# Every breakdown key of `complaints` with the vocabulary its keys come from.
VOCABULARY_OF: Mapping[str, str] = {
    **{key: vocabulary for key, (_column, vocabulary) in COLUMNS.items()},
    "by_ground": "ground", "by_victim_sex": "sex", "by_respondent_kind": "respondent_kind",
    "by_security_force": "security_force"}
ORDER = ("by_origin", "by_channel", "by_district", "by_context", "by_practice", "by_ground",
         "by_expression", "by_victim_kind", "by_victim_sex", "by_respondent_kind",
         "by_security_force")


def moment(day: date) -> datetime:
    """The first instant of a UTC day (the bound `received_at` is compared with)."""
    return datetime.combine(day, time(0), UTC)


def received_in(start: date, end: date) -> ColumnElement[bool]:
    """Complaints received from `start` to `end`, both days included."""
    return and_(Complaint.received_at >= moment(start),
                Complaint.received_at < moment(end + timedelta(days=1)))


def keys_of(tables: LegalTables, vocabulary: str) -> list[str]:
    """Every code of a vocabulary (inactive ones too: older complaints use them), in order."""
    if vocabulary == "practice":
        return list(PRACTICES)
    return list(tables.labels(vocabulary))


def filled(codes: Iterable[str], found: Iterable[tuple[str | None, int]],
           unknown: int | None = None) -> dict[str, int]:
    """Every code with its count (0 when none), codes found but no longer in the vocabulary
    after them, then `unknown` (the rows without a value, plus `unknown` itself when it is a
    code, such as the district `unknown`)."""
    counts = {code: 0 for code in codes}
    missing = 0 if unknown is None else unknown
    for code, n in found:
        if code is None or code == "":
            missing += int(n)
        else:
            counts[code] = counts.get(code, 0) + int(n)
    counts[UNKNOWN] = counts.get(UNKNOWN, 0) + missing
    return counts


def _grouped(session: DbSession, query: Any) -> list[tuple[str | None, int]]:
    return [(row[0], int(row[1])) for row in session.execute(query)]


def complaints(session: DbSession, start: date, end: date, tables: LegalTables) -> dict[str, Any]:
    """`complaints` of the JSON: the total, then each breakdown (see the module's rules)."""
    period = received_in(start, end)
    total = int(session.scalar(select(func.count()).select_from(Complaint).where(period)) or 0)
    out: dict[str, Any] = {"total": total}
    found: dict[str, dict[str, int]] = {}
    if session.get_bind().dialect.name == "postgresql":
        found.update(_columns_in_one_scan(session, period, tables))
    else:  # SQLite has no GROUPING SETS: one GROUP BY each, on the covering index
        for key, (column, vocabulary) in COLUMNS.items():
            found[key] = filled(keys_of(tables, vocabulary), _grouped(
                session, select(column, func.count()).where(period).group_by(column)))
        found["by_victim_sex"] = filled(keys_of(tables, "sex"), _grouped(session, select(
            Complaint.victim_sex, func.count()).where(period,
                                                      Complaint.victim_kind == "individual")
            .group_by(Complaint.victim_sex)))
    found["by_ground"] = _grounds(session, period, total, tables)
    if session.get_bind().dialect.name == "postgresql":
        found.update(_respondents_in_one_pass(session, period, tables))
    else:
        found["by_respondent_kind"] = _respondent_kinds(session, period, total, tables)
        found["by_security_force"] = _forces(session, period, tables)
    for key in ORDER:
        out[key] = found[key]
    return out


def _columns_in_one_scan(session: DbSession, period: ColumnElement[bool],
                         tables: LegalTables) -> dict[str, dict[str, int]]:
    """PostgreSQL: every single-column breakdown, and the sex of individual victims, from one
    scan with GROUPING SETS; `grouping(column)` is 0 on the rows of that column's set."""
    columns = [column for column, _vocabulary in COLUMNS.values()]
    sex, kind = Complaint.victim_sex, Complaint.victim_kind
    sets = [(column,) for column in columns] + [(kind, sex)]
    query = (select(*columns, sex, *[func.grouping(c) for c in columns], func.grouping(sex),
                    func.count())
             .where(period).group_by(func.grouping_sets(*[tuple_(*s) for s in sets])))
    width = len(columns)
    rows: dict[str, list[tuple[str | None, int]]] = {key: [] for key in COLUMNS}
    sexes: list[tuple[str | None, int]] = []
    for row in session.execute(query):
        values, grouped, n = row[:width + 1], row[width + 1:2 * width + 2], int(row[-1])
        if grouped[-1] == 0:  # the (victim_kind, sex) set
            if values[columns.index(kind)] == "individual":
                sexes.append((values[-1], n))
            continue
        for i, key in enumerate(COLUMNS):
            if grouped[i] == 0:
                rows[key].append((values[i], n))
    out = {key: filled(keys_of(tables, vocabulary), rows[key])
           for key, (_column, vocabulary) in COLUMNS.items()}
    out["by_victim_sex"] = filled(keys_of(tables, "sex"), sexes)
    return out


def _grounds(session: DbSession, period: ColumnElement[bool], total: int,
             tables: LegalTables) -> dict[str, int]:
    """One pass: each complaint with its grounds (an outer join: a complaint without any
    comes once with no ground, which `filled` counts as `unknown`)."""
    rows = _grouped(session, select(ComplaintGround.ground, func.count())
                    .select_from(Complaint)
                    .outerjoin(ComplaintGround, ComplaintGround.complaint_id == Complaint.id)
                    .where(period).group_by(ComplaintGround.ground))
    return filled(keys_of(tables, "ground"), rows)


def _respondent_kinds(session: DbSession, period: ColumnElement[bool], total: int,
                      tables: LegalTables) -> dict[str, int]:
    """One pass, as for the grounds; each complaint once per kind however many respondents of
    that kind it names."""
    rows = _grouped(session, select(Party.kind, func.count(func.distinct(Complaint.id)))
                    .select_from(Complaint)
                    .outerjoin(Party, and_(Party.complaint_id == Complaint.id,
                                           Party.role == "respondent"))
                    .where(period).group_by(Party.kind))
    return filled(keys_of(tables, "respondent_kind"), rows)


def _respondents(period: ColumnElement[bool], *where: ColumnElement[bool]) -> Any:
    return (Complaint.id == Party.complaint_id, period, Party.role == "respondent", *where)


def _respondents_in_one_pass(session: DbSession, period: ColumnElement[bool],
                             tables: LegalTables) -> dict[str, dict[str, int]]:
    """PostgreSQL: the kinds and the forces from one pass over the complaints and their
    respondents, with GROUPING SETS; a distinct count per set keeps each complaint once per
    kind and per force (the forces' count only of police respondents)."""
    police = Party.kind.in_(sorted(POLICE_KINDS))
    query = (select(Party.kind, Party.security_force, func.grouping(Party.kind),
                    func.count(func.distinct(Complaint.id)),
                    func.count(func.distinct(case((police, Complaint.id)))))
             .select_from(Complaint)
             .outerjoin(Party, and_(Party.complaint_id == Complaint.id,
                                    Party.role == "respondent"))
             .where(period)
             .group_by(func.grouping_sets(tuple_(Party.kind), tuple_(Party.security_force))))
    kinds: list[tuple[str | None, int]] = []
    forces: list[tuple[str | None, int]] = []
    for kind, force, kind_set, everyone, police_only in session.execute(query):
        if kind_set == 0:
            kinds.append((kind, int(everyone)))
        elif police_only:
            forces.append((force, int(police_only)))
    return {"by_respondent_kind": filled(keys_of(tables, "respondent_kind"), kinds),
            "by_security_force": filled(keys_of(tables, "security_force"), forces)}


def _forces(session: DbSession, period: ColumnElement[bool],
            tables: LegalTables) -> dict[str, int]:
    rows = _grouped(session, select(Party.security_force,
                                    func.count(func.distinct(Party.complaint_id)))
                    .where(*_respondents(period, Party.kind.in_(sorted(POLICE_KINDS))))
                    .group_by(Party.security_force))
    return filled(keys_of(tables, "security_force"), rows)


def incidents(session: DbSession, start: date, end: date) -> int:
    """Incidents that complaints received in the period are about (each counted once)."""
    return int(session.scalar(select(func.count(func.distinct(Complaint.incident_id)))
                              .where(received_in(start, end))) or 0)

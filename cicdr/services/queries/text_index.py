"""The two databases' search indexes behind one `Backend` interface (see `search`).

SQLite: an FTS5 virtual table, rowid = complaint id, tokenised by `unicode61 remove_diacritics
2` (the words it receives are already normalised by `search.tokens`). PostgreSQL: a tsvector
per complaint built from those words with `array_to_tsvector` (no parser, no locale), under a
GIN index; queries are tsquery values of quoted lexemes. Either way the query is made only of
letters, digits and marks, each word quoted: nothing a user types reaches the query syntax.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    bindparam,
    cast,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY, TSVECTOR
from sqlalchemy.dialects.postgresql import insert as pg_insert

TABLE = "complaint_search"
# Migration 0005_search creates the tables; these are their definitions.
SQLITE_DDL = (f"CREATE VIRTUAL TABLE {TABLE} USING fts5(document, "
              "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')")
_sqlite = Table(TABLE, MetaData(), Column("rowid", Integer, primary_key=True),
                Column("document", Text))
_postgres = Table(TABLE, MetaData(), Column("complaint_id", Integer, primary_key=True),
                  Column("document", TSVECTOR))


class Backend(Protocol):
    """What each database's index offers. `docs` maps complaint ids to their documents (words
    separated by spaces, as `search.document` makes them)."""

    def add(self, conn: Connection, docs: dict[int, str]) -> None:
        """Index complaints not indexed yet."""

    def replace(self, conn: Connection, docs: dict[int, str]) -> None:
        """Index complaints, replacing what was indexed for them."""

    def remove(self, conn: Connection, ids: Iterable[int]) -> None:
        """Forget these complaints."""

    def clear(self, conn: Connection) -> None:
        """Empty the index."""

    def ids(self, terms: list[str], prefix: bool) -> Select[Any]:
        """A query of the ids of complaints holding every term (as a prefix, or whole)."""


class SqliteFts:
    """FTS5 virtual table; rowid = complaint id."""

    def add(self, conn: Connection, docs: dict[int, str]) -> None:
        if docs:
            conn.execute(insert(_sqlite), [{"rowid": i, "document": d} for i, d in docs.items()])

    def replace(self, conn: Connection, docs: dict[int, str]) -> None:
        self.remove(conn, docs)
        self.add(conn, docs)

    def remove(self, conn: Connection, ids: Iterable[int]) -> None:
        wanted = list(ids)
        if wanted:
            conn.execute(delete(_sqlite).where(_sqlite.c.rowid.in_(wanted)))

    def clear(self, conn: Connection) -> None:
        # Recreated rather than emptied: deleting 100,000 documents one by one costs more
        # than writing them, and leaves tombstones for the next writes to merge.
        conn.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
        conn.execute(text(SQLITE_DDL))

    def ids(self, terms: list[str], prefix: bool) -> Select[Any]:
        star = "*" if prefix else ""
        match = " ".join(f'"{t}"{star}' for t in terms)  # adjacent phrases are ANDed
        return select(_sqlite.c.rowid).where(
            text(f"{TABLE} MATCH :fts_query").bindparams(fts_query=match))


class PostgresTsvector:
    """A tsvector per complaint, built from our lexemes, under a GIN index."""

    def add(self, conn: Connection, docs: dict[int, str]) -> None:
        self.replace(conn, docs)

    def replace(self, conn: Connection, docs: dict[int, str]) -> None:
        if not docs:
            return
        vector = func.array_to_tsvector(bindparam("words", type_=ARRAY(Text)))
        stmt = pg_insert(_postgres).values(complaint_id=bindparam("id"), document=vector)
        stmt = stmt.on_conflict_do_update(index_elements=["complaint_id"],
                                          set_={"document": stmt.excluded.document})
        conn.execute(stmt, [{"id": i, "words": sorted(set(d.split()))}
                            for i, d in docs.items()])

    def remove(self, conn: Connection, ids: Iterable[int]) -> None:
        wanted = list(ids)
        if wanted:
            conn.execute(delete(_postgres).where(_postgres.c.complaint_id.in_(wanted)))

    def clear(self, conn: Connection) -> None:
        conn.execute(text(f"TRUNCATE {TABLE}"))

    def ids(self, terms: list[str], prefix: bool) -> Select[Any]:
        star = ":*" if prefix else ""
        query = " & ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" + star
                           for t in terms)
        return select(_postgres.c.complaint_id).where(
            _postgres.c.document.op("@@")(cast(bindparam("ts_query", query), TSQUERY)))


def backend(dialect: str) -> Backend:
    """The index of this database ("sqlite" or "postgresql")."""
    if dialect == "sqlite":
        return SqliteFts()
    if dialect == "postgresql":
        return PostgresTsvector()
    raise ValueError(f"no search backend for {dialect}")



"""Full-text search over complaints: one interface, two backends.

The searchable document of a complaint is its reference, its description and, for every party,
the name and (for the police) the force, unit and officer identification. It is kept in a table
the search owns, `complaint_search`, created by migration 0005 (`text_index`):

- SQLite: an FTS5 virtual table (`unicode61 remove_diacritics 2`), rowid = complaint id.
- PostgreSQL: `complaint_id` + a `tsvector` column with a GIN index.

Tokens are produced here, in Python, for both databases (`tokens`): lower-cased (casefold),
accents removed ("João" and "Joao" are the same word), split on anything that is not a letter,
a digit or a combining mark (so Bengali or Devanagari words stay whole). PostgreSQL receives
the lexemes as they are (`array_to_tsvector`, and a tsquery built from quoted lexemes): it never
parses text, so `unaccent` (an extension we cannot assume is installed) is not needed and the
result does not depend on the server's locale. The lexemes are exactly what the 'simple'
configuration would keep (no stemming, no stop words). FTS5 re-tokenises the same words the
same way.

A user's query: its words ANDed, each a prefix ("silv" finds "Silva"); punctuation is a
separator, so no input can break the query syntax. A whole reference (`QN-2026-00012`) is
matched exactly, word for word.

The index follows the data by itself: a session `after_flush` listener re-indexes, in the same
transaction, every complaint whose reference or description changed, or whose parties were
added, removed or renamed (retention's anonymisation included). Bulk Core statements bypass
the ORM and therefore the listener: run `flask cicdr search-reindex` after one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, event, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE, get_history

from cicdr.models import Complaint, Party
from cicdr.services.core.types import DbSession
from cicdr.services.queries.text_index import TABLE, backend

MAX_TERMS = 12  # more words than this add nothing but cost
BATCH = 2000
# A whole complaint reference: matched word for word, not as prefixes.
WHOLE_REFERENCE = re.compile(r"QN-\d{4}-\d{5,}", re.IGNORECASE)
# What the document is made of ("parties": added to or orphaned from the collection).
WATCHED = {Complaint: ("reference", "description", "parties"),
           Party: ("name", "unit", "officer_identification", "security_force", "complaint_id")}

# -- words --------------------------------------------------------------------------------------


@cache
def _word() -> re.Pattern[str]:
    """Runs of word characters and combining marks (built once: the marks come from the
    Unicode database, which `re` cannot name). Underscores are made spaces beforehand."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):  # the BMP keeps the class a fast bitmap for `re`
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    marks = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                    for a, b in ranges)
    return re.compile(rf"[\w{marks}]+")


_ACCENTS = re.compile("[\u0300-\u036f]")  # the Latin (and Greek, Cyrillic) diacritics


def normalise(value: str) -> str:
    """Case-folded, without accents: "João" -> "joao", "Çé" -> "ce"."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return unicodedata.normalize("NFC", _ACCENTS.sub("", decomposed))


def tokens(value: str | None) -> list[str]:
    """The words of `value` as the index stores them."""
    return _word().findall(normalise(value).replace("_", " ")) if value else []


def document(reference: str, description: str | None, parties: Iterable[Sequence[Any]]) -> str:
    """The indexed text of a complaint: its words, separated by spaces."""
    values = [reference, description or "", *(v for party in parties for v in party if v)]
    return " ".join(tokens("\n".join(values)))


def query_terms(q: str | None) -> tuple[list[str], bool]:
    """The words to look for (at most MAX_TERMS) and whether they are prefixes."""
    raw = (q or "").strip()
    return tokens(raw)[:MAX_TERMS], not WHOLE_REFERENCE.fullmatch(raw)


def _dialect(session: DbSession) -> str:
    return session.get_bind().dialect.name


# -- the interface ------------------------------------------------------------------------------


def matching_ids(session: DbSession, q: str | None) -> Select[Any] | None:
    """A subquery of the ids of complaints matching `q` (combine it with other filters:
    `Complaint.id.in_(...)`), or None when `q` holds no word to look for."""
    terms, prefix = query_terms(q)
    return backend(_dialect(session)).ids(terms, prefix) if terms else None


def search_ids(session: DbSession, q: str | None) -> list[int]:
    """Ids of the complaints matching `q`, smallest first ([] when `q` has no words)."""
    found = matching_ids(session, q)
    return sorted(session.scalars(found)) if found is not None else []


def _documents(conn: Connection, complaints: ColumnElement[bool],
               parties_of: ColumnElement[bool]) -> dict[int, str]:
    """The documents of the complaints selected by `complaints` (`parties_of`: their
    parties, by complaint id)."""
    parties: dict[int, list[tuple[Any, ...]]] = {}
    for row in conn.execute(select(Party.complaint_id, Party.name, Party.security_force,
                                   Party.unit, Party.officer_identification)
                            .where(parties_of).order_by(Party.id)):
        parties.setdefault(row[0], []).append(tuple(row[1:]))
    rows = conn.execute(select(Complaint.id, Complaint.reference, Complaint.description)
                        .where(complaints))
    return {i: document(ref, desc, parties.get(i, [])) for i, ref, desc in rows}


def reindex(conn: Connection, ids: Iterable[int]) -> int:
    """Re-index these complaints from what the connection sees now; forget missing ones."""
    wanted = sorted(set(ids))
    index = backend(conn.dialect.name)
    done = 0
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start:start + BATCH]
        docs = _documents(conn, Complaint.id.in_(chunk), Party.complaint_id.in_(chunk))
        index.remove(conn, [i for i in chunk if i not in docs])
        index.replace(conn, docs)
        done += len(docs)
    return done


def index_complaints(session: DbSession, ids: Iterable[int]) -> int:
    """Re-index these complaints inside the session's transaction (the caller commits)."""
    session.flush()
    return reindex(session.connection(), ids)


def rebuild_connection(conn: Connection,
                       progress: Callable[[int], None] | None = None) -> int:
    """Empty the index and index every complaint again, BATCH at a time by id range;
    return how many."""
    index = backend(conn.dialect.name)
    index.clear(conn)
    ids = list(conn.scalars(select(Complaint.id).order_by(Complaint.id)))
    for start in range(0, len(ids), BATCH):
        first, last = ids[start], ids[min(start + BATCH, len(ids)) - 1]
        index.add(conn, _documents(conn, Complaint.id.between(first, last),
                                   Party.complaint_id.between(first, last)))
        if progress is not None:
            progress(min(BATCH, len(ids) - start))
    return len(ids)


def rebuild(session: DbSession, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index and commit (`flask cicdr search-reindex`)."""
    try:
        total = rebuild_connection(session.connection(), progress)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return total


def include_in_autogenerate(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic `include_name`: the index is the search's own DDL, not a model table (FTS5's
    virtual and shadow tables cannot be described by SQLAlchemy models)."""
    return not (type_ == "table" and name is not None
                and (name == TABLE or name.startswith(TABLE + "_")))


# -- keeping the index in step --------------------------------------------------------------------


def _changed(obj: Any, names: tuple[str, ...]) -> bool:
    # Never load anything here: what was not loaded cannot have been changed.
    return any(get_history(obj, name, passive=PASSIVE_NO_INITIALIZE).has_changes()
               for name in names)


def _touched(session: Session) -> tuple[set[int], set[int]]:
    """(complaints to re-index, complaints deleted) by this flush."""
    dirty: set[int | None] = set()
    gone: set[int] = set()
    for obj in session.new:
        if isinstance(obj, Complaint | Party):
            dirty.add(obj.id if isinstance(obj, Complaint) else obj.complaint_id)
    for obj in session.dirty:
        if isinstance(obj, Complaint | Party) and _changed(obj, WATCHED[type(obj)]):
            if isinstance(obj, Complaint):
                dirty.add(obj.id)
            else:  # a party moved between complaints: both documents change
                history = get_history(obj, "complaint_id")
                dirty.update([*history.deleted, obj.complaint_id])
    for obj in session.deleted:
        if isinstance(obj, Complaint):
            gone.add(obj.id)
        elif isinstance(obj, Party):
            dirty.add(obj.complaint_id)
    return {i for i in dirty if i is not None} - gone, gone


@event.listens_for(Session, "after_flush")
def _follow_changes(session: Session, _context: Any) -> None:
    """Re-index what this flush changed, in the same transaction (rolled back with it)."""
    dirty, gone = _touched(session)
    if not dirty and not gone:
        return
    conn = session.connection()
    reindex(conn, dirty)
    backend(conn.dialect.name).remove(conn, gone)


"""Complaint drafts: keep what was typed between the steps of the complaint form.

The browser holds a random token (in its signed session cookie); the server keeps only its
SHA-256, the values of each step exactly as they were sent, and the evidence files uploaded so
far. Nothing here is a complaint yet: nothing is audited until it is submitted.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Table, bindparam, delete, exists, func, select, update
from sqlalchemy.orm import joinedload

from cicdr.models import Attachment, ComplaintDraft, DraftFile
from cicdr.models.base import utcnow
from cicdr.models.drafts import DRAFT_DAYS
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from cicdr.services.intake.registration import UploadedFile
from cicdr.services.intake.uploads import UploadLimits, UploadsRejected, check_files

Pairs = list[list[str]]
# Characters a whole draft may hold (names and values): the longest real complaint (a 20,000-
# character description, 5 respondents, 20 other people) is well under half of it.
MAX_DRAFT_CHARS = 150_000


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find(session: DbSession, token: str | None, mode: str,
         user_id: int | None = None, *, files: bool = False) -> ComplaintDraft | None:
    """The draft of this token, mode and (staff) user, unless it expired; `files` loads its
    files' list in the same statement (for the steps that show or file them)."""
    if not token:
        return None
    found = session.execute(_WITH_FILES if files else _BY_TOKEN,
                            {"token_hash": _hash(token), "mode": mode})
    draft = (found.unique() if files else found).scalars().first()
    if draft is None or draft.created_by_id != user_id:
        return None
    if _aware(draft.updated_at) < utcnow() - timedelta(days=DRAFT_DAYS):
        return None
    return draft


@dataclass
class DraftValues:
    """A draft's own row, read and written without the ORM (`find_values`, `save_step`): what
    the steps that neither list nor file the draft's files need, at a fraction of the cost of
    loading the mapped object. Its `files` are not read (always empty here)."""

    id: int
    token_hash: str
    mode: str
    created_by_id: int | None
    language: str
    data: dict[str, Pairs]
    updated_at: datetime
    files: tuple[DraftFile, ...] = ()


Draft = ComplaintDraft | DraftValues


def find_values(session: DbSession, token: str | None, mode: str,
                user_id: int | None = None) -> DraftValues | None:
    """`find` without the ORM and without the files' list: the same draft, or None."""
    if not token:
        return None
    row = session.execute(_VALUES_BY_TOKEN, {"token_hash": _hash(token), "mode": mode}).first()
    if row is None:
        return None
    draft = DraftValues(*row)
    if draft.created_by_id != user_id or \
            _aware(draft.updated_at) < utcnow() - timedelta(days=DRAFT_DAYS):
        return None
    return draft


# Built once (a statement's construction costs about as much as running it): a draft by its
# token's hash and mode, the same with its files' list, its row's values, and their update.
_BY_TOKEN = select(ComplaintDraft).where(ComplaintDraft.token_hash == bindparam("token_hash"),
                                         ComplaintDraft.mode == bindparam("mode"))
_WITH_FILES = _BY_TOKEN.options(joinedload(ComplaintDraft.files))
_TABLE: Table = ComplaintDraft.__table__  # type: ignore[assignment]
_ROW = _TABLE.c
_VALUES_BY_TOKEN = select(_ROW.id, _ROW.token_hash, _ROW.mode, _ROW.created_by_id, _ROW.language,
                          _ROW.data, _ROW.updated_at).where(
    _ROW.token_hash == bindparam("token_hash"), _ROW.mode == bindparam("mode"))
_SAVE_VALUES = update(_TABLE).where(_ROW.id == bindparam("draft_id")).values(
    data=bindparam("new_data", type_=_ROW.data.type),
    language=bindparam("new_language", type_=_ROW.language.type),
    updated_at=bindparam("new_updated_at", type_=_ROW.updated_at.type))


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


class TooManyDrafts(Exception):
    """This client already keeps as many unfinished drafts open as it may."""


class DraftTooLarge(Exception):
    """What was sent would make the draft larger than any real complaint."""


def open_drafts(session: DbSession, client_key: str, now: datetime | None = None) -> int:
    """How many unexpired drafts this client keeps open."""
    cutoff = (now or utcnow()) - timedelta(days=DRAFT_DAYS)
    return session.scalar(select(func.count(ComplaintDraft.id)).where(
        ComplaintDraft.client_key == client_key, ComplaintDraft.updated_at >= cutoff)) or 0


def start(session: DbSession, mode: str, language: str, user_id: int | None = None, *,
          client_key: str | None = None, most: int | None = None,
          commit: bool = True) -> tuple[ComplaintDraft, str]:
    """A new, empty draft and the token that finds it (give it to the browser); commits
    (commit=False: added to the session, for the caller's commit with the first step).

    `client_key` (a keyed hash of the client address) with `most` caps the drafts one client
    keeps open: raises TooManyDrafts beyond it."""
    if client_key is not None and most is not None and open_drafts(session, client_key) >= most:
        raise TooManyDrafts()
    token = secrets.token_urlsafe(32)
    draft = ComplaintDraft(token_hash=_hash(token), mode=mode, language=language,
                           created_by_id=user_id, client_key=client_key, data={})
    session.add(draft)
    if commit:
        session.commit()
    return draft, token


def kept(pairs: Pairs, limits: Mapping[str, int]) -> Pairs:
    """The pairs of known fields only, each value cut at its field's limit."""
    return [[name, str(value)[:limits[name]]] for name, value in pairs if name in limits]


def save_step(session: DbSession, draft: Draft, step: str, pairs: Pairs,
              language: str | None = None, *, limits: Mapping[str, int] | None = None,
              commit: bool = True) -> None:
    """Replace one step's values with what was just sent; commits (commit=False: the caller
    commits, with whatever else the step writes). A mapped draft is written with the session's
    next flush; a `DraftValues` with one UPDATE at once.

    With `limits` (field -> most characters), unknown fields are dropped and long values cut;
    raises DraftTooLarge (nothing saved) when the whole draft would pass MAX_DRAFT_CHARS."""
    if limits is not None:
        pairs = kept(pairs, limits)
    data = {**(draft.data or {}), step: pairs}  # a new dict: JSON columns see assignment
    if sum(len(k) + len(v) for values in data.values() for k, v in values) > MAX_DRAFT_CHARS:
        raise DraftTooLarge()
    draft.data = data
    if language:
        draft.language = language
    draft.updated_at = utcnow()
    if isinstance(draft, DraftValues):
        session.execute(_SAVE_VALUES, {"draft_id": draft.id, "new_data": data,
                                       "new_language": draft.language,
                                       "new_updated_at": draft.updated_at})
    if commit:
        session.commit()


def step_pairs(draft: Draft, step: str) -> Pairs | None:
    """The values last sent for a step, or None when the step was never visited."""
    saved = (draft.data or {}).get(step)
    return None if saved is None else [list(p) for p in saved]


def add_files(session: DbSession, draft: ComplaintDraft, files: Sequence[tuple[str, bytes]],
              store: BlobStore, limits: UploadLimits | None = None) -> list[DraftFile]:
    """Check new files against the limits left for this draft, store them, list them; commits.

    Raises UploadsRejected with every problem; then nothing of the batch is kept.
    """
    limits = limits or UploadLimits()
    with session.no_autoflush:  # the step's values, unsaved, go with the files in one UPDATE
        kept_files = list(draft.files)
    used = sum(f.size for f in kept_files)
    left = UploadLimits(max_files=limits.max_files - len(kept_files),
                        max_file_bytes=limits.max_file_bytes,
                        max_total_bytes=limits.max_total_bytes - used)
    checked: list[UploadedFile] = check_files(files, left)
    added = []
    for f in checked:
        digest = store.put(f.data)
        row = DraftFile(filename=f.filename, content_type=f.content_type, size=len(f.data),
                        sha256=digest)
        draft.files.append(row)
        added.append(row)
    draft.updated_at = utcnow()
    session.commit()
    return added


def remove_file(session: DbSession, draft: ComplaintDraft, file_id: int) -> bool:
    """Take a file off the draft (its bytes go with the next purge if unused); commits."""
    for f in draft.files:
        if f.id == file_id:
            draft.files.remove(f)
            draft.updated_at = utcnow()
            session.commit()
            return True
    return False


def uploaded(draft: ComplaintDraft, store: BlobStore) -> list[UploadedFile]:
    """The draft's files as the complaint service takes them."""
    return [UploadedFile(f.filename, f.content_type, store.get(f.sha256)) for f in draft.files]


def purge_stale(session: DbSession, store: BlobStore, now: datetime | None = None) -> int:
    """Delete drafts idle for more than DRAFT_DAYS, and blobs no complaint uses; commits."""
    cutoff = (now or utcnow()) - timedelta(days=DRAFT_DAYS)
    stale = list(session.scalars(select(ComplaintDraft).where(
        ComplaintDraft.updated_at < cutoff)))
    digests = {f.sha256 for d in stale for f in d.files}
    for draft in stale:
        session.delete(draft)
    session.flush()
    for digest in digests:
        used = session.scalar(select(
            exists().where(Attachment.sha256 == digest) |
            exists().where(DraftFile.sha256 == digest)))
        if not used:
            store.discard(digest)
    session.commit()
    return len(stale)


class AlreadyFiled(Exception):
    """The draft was filed by another request (a double click, a second tab)."""


def claim(session: DbSession, draft: ComplaintDraft) -> None:
    """Delete the draft as the first write of the filing transaction; raise AlreadyFiled when
    another request deleted it first. The DELETE takes the row lock, so of two concurrent
    filings of one draft exactly one goes on. A change to the draft not yet flushed (the review
    step's values, kept in memory for the filing) is never written: the row goes."""
    with session.no_autoflush:
        deleted = session.execute(delete(ComplaintDraft).where(ComplaintDraft.id == draft.id))
    if getattr(deleted, "rowcount", 1) != 1:
        raise AlreadyFiled()
    session.expunge(draft)


__all__ = ["AlreadyFiled", "Draft", "DraftTooLarge", "DraftValues", "TooManyDrafts",
           "UploadsRejected", "add_files", "claim", "find", "find_values", "kept", "open_drafts",
           "purge_stale", "remove_file", "save_step", "start", "step_pairs", "uploaded"]

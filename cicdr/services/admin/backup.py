"""Backup and restore of the whole system: the database, the attachments, the chain head.

A backup directory holds:

- `database.sqlite3` (SQLite's online backup API: a consistent copy of the live database) or
  `database.pgdump` (`pg_dump --format=custom`, taken in an exported snapshot);
- `blobs/`, the content-addressed attachment store, file for file;
- `anchor.json`, the audit chain head of that same snapshot (`flask cicdr audit anchor`'s format);
- `manifest.json`: formats and versions, the row count of every table, and the SHA-256 of every
  file above, so a restore can refuse a damaged or altered backup before touching anything.

A restore checks the manifest, loads the database into an empty one (SQLite's backup API, or
`pg_restore`), copies the blobs back, then proves the result: the audit chain verifies against
the anchor, every attachment's bytes hash to the sha256 its row records, and every table holds
the rows the manifest counted. Flask-free: callers pass the database URL and the paths.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, func, inspect, select, table, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from cicdr.services.audit import Anchor, anchor, verify
from cicdr.services.core.storage import BlobStore

FORMAT = "cicdr-backup/1"
MANIFEST, ANCHOR, BLOBS = "manifest.json", "anchor.json", "blobs"
SQLITE_FILE, PG_FILE = "database.sqlite3", "database.pgdump"


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why and what to do."""


@dataclass
class Report:
    """What a backup or restore did (`lines`) and what did not hold (`problems`)."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def sha256_of(path: Path) -> str:
    """The file's SHA-256, read in chunks (attachments may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files(root: Path) -> Iterator[Path]:
    """Every regular file under root except the manifest, in a stable order."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            yield path


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(url.database)


def _counts(connection: Connection) -> dict[str, int]:
    """Rows per table, by name (every table the database has, the search index included)."""
    names = sorted(inspect(connection).get_table_names())
    return {name: int(connection.execute(select(func.count()).select_from(table(name)))
                      .scalar_one()) for name in names}


def _snapshot_facts(connection: Connection) -> dict[str, Any]:
    """Counts, schema revision and chain anchor of what the connection sees (one snapshot)."""
    with Session(bind=connection) as session:
        taken = anchor(session)  # ChainBroken: never back up a chain that does not verify
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return {"counts": _counts(connection), "schema_revision": revision,
            "anchor": json.loads(taken.to_json())}


def _pg_args(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump / pg_restore from a URL's parts."""
    args = [f"--host={url.host or '127.0.0.1'}", f"--port={url.port or 5432}",
            f"--username={url.username or 'postgres'}", f"--dbname={url.database}"]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not on PATH: install the PostgreSQL client "
                          "(apt-get install postgresql-client) of the server's version")
    return found


def _run(command: list[str], env: dict[str, str]) -> None:
    # pg_dump / pg_restore found on PATH, arguments from the configured URL: no shell.
    done = subprocess.run(command, env=env, capture_output=True, text=True,  # noqa: S603
                          check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def _backup_sqlite(url: URL, target: Path) -> dict[str, Any]:
    """Copy the live database with the backup API, then read the facts from the copy."""
    source = sqlite3.connect(_sqlite_path(url))
    copy = sqlite3.connect(target / SQLITE_FILE)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    engine = create_engine(f"sqlite:///{target / SQLITE_FILE}")
    try:
        with engine.connect() as connection:
            return _snapshot_facts(connection)
    finally:
        engine.dispose()


def _backup_postgres(url: URL, target: Path) -> dict[str, Any]:
    """pg_dump inside an exported snapshot, so counts and anchor describe exactly the dump."""
    dump = _tool("pg_dump")
    args, env = _pg_args(url)
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as connection:
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            facts = _snapshot_facts(connection)
            _run([dump, "--format=custom", "--no-owner", f"--snapshot={snapshot}",
                  f"--file={target / PG_FILE}", *args], env)
            connection.rollback()
    finally:
        engine.dispose()
    return facts


def _copy_tree(source: Path, target: Path) -> int:
    """Copy every file under source to the same place under target; returns how many."""
    copied = 0
    if source.is_dir():
        for path in _files(source):
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            copied += 1
    return copied


def _version() -> str:
    try:
        return metadata.version("cicdr")
    except metadata.PackageNotFoundError:
        return "unknown"


def backup(database_url: str, blob_dir: str | Path, target: str | Path) -> Report:
    """Back up the database at `database_url` and the blobs under `blob_dir` into `target`
    (a new or empty directory); BackupError when that cannot be done."""
    url, out = make_url(database_url), Path(target)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} is not empty: a backup never overwrites another")
    out.mkdir(parents=True, exist_ok=True)
    facts = (_backup_sqlite(url, out) if url.get_backend_name() == "sqlite"
             else _backup_postgres(url, out))
    copied = _copy_tree(Path(blob_dir), out / BLOBS)
    (out / ANCHOR).write_text(json.dumps(facts["anchor"], indent=2) + "\n", encoding="utf-8")
    manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "app_version": _version(), "dialect": url.get_backend_name(), **facts,
                "files": {str(p.relative_to(out)): sha256_of(p) for p in _files(out)}}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                encoding="utf-8")
    chain = facts["anchor"]
    return Report(lines=[f"Database ({url.get_backend_name()}): {sum(facts['counts'].values())} "
                         f"rows in {len(facts['counts'])} tables",
                         f"Attachments store: {copied} file(s)",
                         f"Audit chain head: {chain['count']} events, {chain['last_hash']}",
                         f"Manifest: {len(manifest['files'])} file(s) hashed in {out / MANIFEST}"])


def read_manifest(source: Path) -> dict[str, Any]:
    """The backup's manifest; BackupError if it is missing or not one."""
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source / MANIFEST} cannot be read: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a CICDR backup ({FORMAT})")
    return manifest


def check_files(source: Path, manifest: dict[str, Any]) -> list[str]:
    """Every file the manifest lists, present with its hash, and no file it does not list."""
    listed: dict[str, str] = manifest.get("files", {})
    problems = [f"{name}: missing" for name in sorted(listed) if not (source / name).is_file()]
    problems += [f"{name}: its SHA-256 differs from the manifest's" for name in sorted(listed)
                 if (source / name).is_file() and sha256_of(source / name) != listed[name]]
    problems += [f"{p.relative_to(source)}: not in the manifest" for p in _files(source)
                 if str(p.relative_to(source)) not in listed]
    return problems


@contextmanager
def scratch_database(server_url: str | None, sqlite_file: Path, prefix: str = "cicdr_scratch",
                     ) -> Iterator[str]:
    """A new, empty database to restore into (or to load-test), removed afterwards.

    With a PostgreSQL `server_url` a database with a random name is created on that server
    and dropped at the end, even with sessions still connected (`WITH (FORCE)`); without one,
    the URL of the SQLite file `sqlite_file` (created on first use)."""
    if not server_url:
        yield f"sqlite:///{sqlite_file}"
        return
    server = make_url(server_url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    # pool_pre_ping: the load test restarts PostgreSQL while the database exists.
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT",
                          pool_pre_ping=True)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def _is_empty(url: URL) -> bool:
    """Whether the target database has no table at all (a new file, a freshly created one)."""
    if url.get_backend_name() == "sqlite":
        path = _sqlite_path(url)
        if not path.exists():
            return True
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return not inspect(connection).get_table_names()
    finally:
        engine.dispose()


def _restore_sqlite(url: URL, source: Path) -> None:
    """Write the backup into the target file with the backup API (WAL and locks respected)."""
    path = _sqlite_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    copy = sqlite3.connect(source / SQLITE_FILE)
    target = sqlite3.connect(path)
    try:
        copy.backup(target)
    finally:
        target.close()
        copy.close()


def _restore_postgres(url: URL, source: Path, force: bool) -> None:
    """pg_restore into the target database, in one transaction (all or nothing)."""
    tool = _tool("pg_restore")
    args, env = _pg_args(url)
    clean = ["--clean", "--if-exists"] if force else []
    _run([tool, "--no-owner", "--exit-on-error", "--single-transaction", *clean, *args,
          str(source / PG_FILE)], env)


def _check_restored(url: URL, blob_dir: Path, manifest: dict[str, Any]) -> Report:
    """Prove the restored system: chain against the anchor, every attachment, every count."""
    report, store = Report(), BlobStore(blob_dir)
    engine = create_engine(url)
    try:
        with engine.connect() as connection, Session(bind=connection) as session:
            result = verify(session, Anchor.from_json(json.dumps(manifest["anchor"])))
            hashes = list(connection.execute(
                text("SELECT DISTINCT sha256 FROM attachments")).scalars())
            bad = [digest for digest in hashes if not store.verify(digest)]
            counts = _counts(connection)
    finally:
        engine.dispose()
    if result.ok:
        report.lines.append(f"Audit chain: {result.count} events verify against the anchor")
    else:
        report.problems.append(f"audit chain broken at event {result.broken_seq}: "
                               f"{result.problem}")
    report.problems += [f"attachment {digest}: missing or its bytes differ" for digest in bad]
    for name, expected in sorted(manifest["counts"].items()):
        if counts.get(name) != expected:
            report.problems.append(f"table {name}: {counts.get(name)} rows, backup had {expected}")
    report.lines.append(f"Tables: {len(counts)}, rows: {sum(counts.values())}, as counted at "
                        f"the backup: {'yes' if not report.problems else 'see below'}")
    report.lines.append(f"Attachments: {len(hashes) - len(bad)} of {len(hashes)} stored files "
                        "hash to their recorded SHA-256")
    return report


def restore(database_url: str, blob_dir: str | Path, source: str | Path, *,
            force: bool = False) -> Report:
    """Restore the backup in `source` into the database at `database_url` (which must be
    empty unless `force`) and the blob store at `blob_dir`, then prove the result.

    Refuses (BackupError) before touching anything when the backup is damaged or altered."""
    url, src, blobs = make_url(database_url), Path(source), Path(blob_dir)
    manifest = read_manifest(src)
    damaged = check_files(src, manifest)
    if damaged:
        raise BackupError("the backup does not match its manifest: " + "; ".join(damaged))
    if manifest["dialect"] != url.get_backend_name():
        raise BackupError(f"a {manifest['dialect']} backup cannot be restored into "
                          f"{url.get_backend_name()}")
    if not force and not _is_empty(url):
        raise BackupError("the target database is not empty; restore into a new database, "
                          "or pass --force to replace its contents")
    if url.get_backend_name() == "sqlite":
        _restore_sqlite(url, src)
    else:
        _restore_postgres(url, src, force)
    copied = _copy_tree(src / BLOBS, blobs)
    report = _check_restored(url, blobs, manifest)
    report.lines.insert(0, f"Restored the {manifest['dialect']} database of "
                           f"{manifest['created_at']} (schema {manifest['schema_revision']}, "
                           f"app {manifest['app_version']}) and {copied} stored file(s)")
    return report

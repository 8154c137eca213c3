"""`flask cicdr backup DIR`, `flask cicdr restore DIR`: the operations commands."""

from __future__ import annotations

import sys

import click
from flask import current_app

from cicdr.extensions import db


def _print(report: object) -> None:
    for line in getattr(report, "lines", []):
        click.echo(line)
    for problem in getattr(report, "problems", []):
        click.echo(f"MISMATCH: {problem}", err=True)


@click.command("backup")
@click.argument("directory", type=click.Path(file_okay=False))
def backup_command(directory: str) -> None:
    """Back up the database, the attachments and the audit chain head into DIRECTORY (new or
    empty), with a manifest of SHA-256 hashes. Copy DIRECTORY off this server afterwards."""
    from cicdr.services.admin.backup import BackupError, backup
    from cicdr.services.audit import ChainBroken

    try:
        report = backup(current_app.config["SQLALCHEMY_DATABASE_URI"],
                        current_app.config["BLOB_DIR"], directory)
    except (BackupError, ChainBroken) as exc:
        click.echo(f"Backup NOT made: {exc}", err=True)
        sys.exit(1)
    _print(report)
    click.echo(f"Backup complete in {directory}.")


@click.command("restore")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--force", is_flag=True,
              help="Replace the contents of a database that is not empty.")
def restore_command(directory: str, force: bool) -> None:
    """Restore a backup made by `flask cicdr backup` into the configured database (empty unless
    --force) and attachment store, then verify the audit chain against the backup's anchor and
    every attachment against its SHA-256. Exits 1 on any mismatch."""
    from cicdr.services.admin.backup import BackupError, restore

    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the database being replaced
    try:
        report = restore(current_app.config["SQLALCHEMY_DATABASE_URI"],
                         current_app.config["BLOB_DIR"], directory, force=force)
    except BackupError as exc:
        click.echo(f"Restore NOT done: {exc}", err=True)
        sys.exit(1)
    _print(report)
    if not report.ok:
        click.echo(f"Restore FAILED verification: {len(report.problems)} mismatch(es).",
                   err=True)
        sys.exit(1)
    click.echo("Restore complete and verified.")

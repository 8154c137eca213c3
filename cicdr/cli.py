"""`flask cicdr ...`: users, demo data, deadlines, scheduled triggers, workflow, audit."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

import click
from flask import current_app
from sqlalchemy import select

from cicdr.extensions import db


@click.group("cicdr")
def cli() -> None:
    """CICDR case management commands."""


@cli.command("create-user")
@click.option("--email", required=True)
@click.option("--name", default="")
@click.option("--role", required=True, type=click.Choice(
    ["officer", "president", "commissioner", "auditor", "admin"]))
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user_command(email: str, name: str, role: str, password: str) -> None:
    """Create a staff account."""
    from cicdr.services.admin.accounts import create_user
    from cicdr.services.core.errors import InvalidData

    try:
        user = create_user(db.session, email=email, name=name, role=role, password=password)
    except InvalidData as exc:
        for field, message in exc.errors.items():
            click.echo(f"{field}: {message}", err=True)
        sys.exit(2)
    click.echo(f"Created {user.email} ({user.role}).")


@cli.command("seed-demo")
@click.option("--complaints", default=300, show_default=True, help="How many complaints.")
@click.option("--seed", default=2026, show_default=True, help="Random seed (same data each run).")
def seed_demo_command(complaints: int, seed: int) -> None:
    """Load demo users (one per role) and realistic complaints; does nothing if already there."""
    from cicdr.demo import DEMO_USERS, seed_demo

    created = seed_demo(db.session, complaints=complaints, seed=seed,
                        store_dir=current_app.config["BLOB_DIR"],
                        fast=current_app.config.get("ARGON2_FAST", False))
    click.echo(f"{created} demo complaints created." if created else
               "Demo data already present: nothing to do.")
    click.echo("Demo logins (password for all: see README):")
    for email, _name, role in DEMO_USERS:
        click.echo(f"  {role:<13} {email}")


@cli.command("deadlines")
@click.option("--days", default=7, show_default=True, help="Also list those due within N days.")
@click.option("--today", "today_", default=None, help="Pretend today is YYYY-MM-DD.")
def deadlines_command(days: int, today_: str | None) -> None:
    """List running deadlines that are overdue or due soon."""
    from cicdr.models import Deadline

    today = date.fromisoformat(today_) if today_ else date.today()
    rows = db.session.scalars(
        select(Deadline).where(Deadline.ended_on.is_(None),
                               Deadline.due_on <= today + timedelta(days=days))
        .order_by(Deadline.due_on)).all()
    if not rows:
        click.echo("No running deadline is overdue or due soon.")
    for d in rows:
        status = "OVERDUE" if d.due_on < today else "due"
        subject = d.subject
        ref = getattr(subject, "reference", None)
        click.echo(f"{status:<8} {d.due_on}  {d.kind:<25} {subject.WORKFLOW} {ref}")


@cli.command("tick")
@click.option("--today", "today_", default=None, help="Pretend today is YYYY-MM-DD.")
def tick_command(today_: str | None) -> None:
    """Fire the system's own triggers that are due (finality, prescription, closing), delete
    abandoned drafts and send the outbox: run daily (or run `worker`, which does this too)."""
    _tick(date.fromisoformat(today_) if today_ else date.today())


def _tick(today: date) -> None:
    """What `tick` does, once per day in the worker."""
    from cicdr.services.engine.scheduler import run_due_triggers

    fired = run_due_triggers(db.session, today)
    for line in fired:
        click.echo(line)
    click.echo(f"{len(fired)} trigger(s) fired.")
    _housekeeping()


def _housekeeping() -> None:
    """Delete abandoned complaint drafts and ended follow-up sessions; send the e-mail still
    waiting in the outbox."""
    from cicdr.services.casework import follow_sessions
    from cicdr.services.core.storage import BlobStore
    from cicdr.services.intake import drafts

    purged = drafts.purge_stale(db.session, BlobStore(current_app.config["BLOB_DIR"]))
    click.echo(f"{purged} abandoned draft(s) deleted.")
    ended = follow_sessions.purge(db.session)
    click.echo(f"{ended} ended follow-up session(s) deleted.")
    _send_outbox()


def _send_outbox(quiet: bool = False) -> None:
    """Send what waits in the outbox when a mail server is configured; say what happened
    (`quiet`: only when something was sent or failed). The only code that delivers mail."""
    from cicdr.services.notify import outbox

    settings = outbox.SmtpSettings.from_config(current_app.config)
    if settings.server:
        sent, failed = outbox.deliver(db.session, settings)
        if sent or failed or not quiet:
            click.echo(f"{sent} e-mail(s) sent, {failed} failed (kept for the next run).")
    elif not quiet:
        click.echo("MAIL_SERVER is not set: e-mail waits in the outbox.")


@cli.command("worker")
@click.option("--interval", default=10.0, show_default=True, type=click.FloatRange(min=0),
              help="Seconds between two rounds.")
@click.option("--rounds", default=0, show_default=True, type=click.IntRange(min=0),
              help="Stop after this many rounds (0: run until Ctrl-C or SIGTERM).")
def worker_command(interval: float, rounds: int) -> None:
    """Send the outbox every INTERVAL seconds, and run what `tick` runs once a day (at start
    and when the date changes). Stops cleanly on Ctrl-C or SIGTERM, between two rounds."""
    from cicdr.worker import run

    ticked: list[date | None] = [None]

    def one_round() -> None:
        ticked[0] = _worker_round(ticked[0])

    click.echo(f"Worker started: the outbox every {interval:g} s, `tick` once a day.")
    done = run(one_round, interval, rounds)
    click.echo(f"Worker stopped after {done} round(s).")


def _worker_round(ticked: date | None) -> date | None:
    """One round: `tick` when the day changed, else the outbox; return the day last ticked.
    A failed round is reported and retried next round, so the worker outlives a bad moment
    (the database restarting, the mail server down)."""
    today = date.today()
    try:
        if today != ticked:
            _tick(today)
            ticked = today
        else:
            _send_outbox(quiet=True)
    except Exception as error:  # noqa: BLE001 - report, keep running; the next round retries
        click.echo(f"Round failed: {type(error).__name__}: {error}", err=True)
    finally:
        db.session.rollback()  # never sleep inside a transaction (it would hold a connection)
    return ticked


@cli.command("notify")
@click.option("--today", "today_", default=None, help="Pretend today is YYYY-MM-DD.")
@click.option("--days", default=3, show_default=True,
              help="Warn this many working days before a deadline is due.")
def notify_command(today_: str | None, days: int) -> None:
    """E-mail each person the deadlines of their cases that are overdue or due soon (each
    deadline once per stage: safe to run daily), then send the outbox."""

    from cicdr.services.notify import deadline_reminders

    today = date.fromisoformat(today_) if today_ else date.today()
    try:
        sent = deadline_reminders.notify_deadlines(db.session, today, days=days)
    except deadline_reminders.AlreadyRunning as exc:
        raise click.ClickException(str(exc)) from exc
    for notice in sent:
        overdue = sum(i.stage == deadline_reminders.OVERDUE for i in notice.items)
        click.echo(f"{notice.user.email}: {len(notice.items)} deadline(s), {overdue} overdue")
    click.echo(f"{len(sent)} deadline e-mail(s) queued.")
    _send_outbox()


@cli.command("retention")
@click.option("--apply", "apply_", is_flag=True, help="Anonymise (default: only list).")
@click.option("--dry-run", is_flag=True, help="Only list what is due (the default).")
@click.option("--today", "today_", default=None, help="Count as if today were YYYY-MM-DD.")
def retention_command(apply_: bool, dry_run: bool, today_: str | None) -> None:
    """List, or anonymise, finished complaints whose retention period has ended."""
    from flask import current_app

    from cicdr.services.admin import retention
    from cicdr.services.core.storage import BlobStore

    if apply_ and dry_run:
        raise click.UsageError("Choose --dry-run or --apply, not both.")
    try:
        years = retention.parse_years(current_app.config.get("RETENTION_YEARS"))
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    today = date.fromisoformat(today_) if today_ else date.today()
    items = retention.due(db.session, today, years)
    store = BlobStore(current_app.config["BLOB_DIR"])
    for item in items:
        click.echo(f"{item.complaint.reference}  {item.outcome:<10} ended {item.ended_on}  "
                   f"retention ended {item.until}")
        if apply_:
            retention.anonymise(db.session, item, store, years)
    verb = "anonymised" if apply_ else "due (run with --apply to anonymise)"
    click.echo(f"{len(items)} complaint(s) {verb}.")


@cli.command("search-reindex")
def search_reindex_command() -> None:
    """Rebuild the full-text search index of complaints from the data."""
    from sqlalchemy import func

    from cicdr.models import Complaint
    from cicdr.services.queries import search

    total = db.session.scalar(select(func.count(Complaint.id))) or 0
    with click.progressbar(length=total, label="Indexing complaints") as bar:
        indexed = search.rebuild(db.session, progress=bar.update)
    click.echo(f"{indexed} complaint(s) indexed.")


@cli.command("send-mail")
def send_mail_command() -> None:
    """Send the e-mail waiting in the outbox now."""
    if not current_app.config.get("MAIL_SERVER"):
        raise click.ClickException("MAIL_SERVER is not set.")
    _send_outbox()


@cli.command("workflow")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json")
def workflow_command(fmt: str) -> None:
    """Print every machine's states and triggers with roles (for documentation and checks)."""
    from workflows import workflows
    from workflows.docs import markdown

    if fmt == "json":
        click.echo(json.dumps({n: w.describe() for n, w in workflows().items()}, indent=2))
    else:
        click.echo(markdown())


@cli.group("audit")
def audit_group() -> None:
    """The audit log."""


@audit_group.command("verify")
@click.option("--anchor", "anchor_file", type=click.File("r", encoding="utf-8"), default=None,
              help="Also check the chain against an anchor file written by `audit anchor`.")
def audit_verify_command(anchor_file: TextIO | None) -> None:
    """Recompute the hash chain; exit 1 and name the first broken event if anything is wrong.

    With --anchor, the anchored event must still exist with the anchored hash and the chain must
    hold at least as many events: this exposes the newest events removed together with a
    consistent rewrite of the chain head, which the database alone cannot show.
    """
    from cicdr.services.audit import Anchor, verify

    anchor = None
    if anchor_file is not None:
        try:
            anchor = Anchor.from_json(anchor_file.read())
        except ValueError as exc:
            raise click.BadParameter(f"{anchor_file.name}: {exc}", param_hint="--anchor") from exc
    result = verify(db.session, anchor)
    if result.ok:
        keyed = (f", HMAC-keyed from event {result.keyed_from}" if result.keyed_from is not None
                 else "")
        click.echo(f"OK: {result.count} events, chain head {result.head_hash}{keyed}")
        if anchor is not None:
            click.echo(f"OK: {anchor.describe()}, and they are still there.")
        return
    if result.expected is not None:
        click.echo(f"BROKEN against the anchor at event seq {result.broken_seq}: "
                   f"{result.problem}.", err=True)
    else:
        click.echo(f"BROKEN at event seq {result.broken_seq} (id {result.broken_id}): "
                   f"{result.problem}. {result.count} events before it verify.", err=True)
    sys.exit(1)


@audit_group.command("anchor")
@click.option("--output", default=None, metavar="FILE",
              help="Where to write the anchor (default: instance/audit-anchors/"
                   "anchor-<UTC time>.json); '-' prints it only.")
def audit_anchor_command(output: str | None) -> None:
    """Print the chain head as a small JSON anchor and save it; keep a copy elsewhere.

    An anchor kept outside the database (e-mailed, printed, committed to another system) lets
    `audit verify --anchor FILE` later expose events removed or rewritten since. The JSON goes
    to stdout; where it was saved goes to stderr. Refuses (exit 1) if the chain does not verify.
    """

    from cicdr.config import INSTANCE
    from cicdr.services.admin.health import record_anchor
    from cicdr.services.audit import ChainBroken, anchor

    try:
        taken = anchor(db.session)
    except ChainBroken as exc:
        click.echo(f"Not anchored: {exc}. Run `flask cicdr audit verify`.", err=True)
        sys.exit(1)
    text, path = taken.to_json(), None
    record_anchor(db.session, taken.count, taken.at)  # for /healthz: the anchor's age
    db.session.commit()
    if output != "-":
        if output is None:
            path = (INSTANCE / "audit-anchors" /
                    f"anchor-{taken.at.strftime('%Y%m%dT%H%M%SZ')}.json")
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with path.open("x", encoding="utf-8") as handle:  # never replace an anchor
                    handle.write(text)
            except FileExistsError as exc:
                raise click.ClickException(f"{path} already exists; try again.") from exc
        else:
            path = Path(output)
            path.write_text(text, encoding="utf-8")
    click.echo(text, nl=False)
    if path is not None:
        click.echo(f"Anchor written to {path}; keep a copy outside this server.", err=True)


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-invalid", is_flag=True,
              help="Import the valid rows even when others have problems (still listed).")
def import_command(file: Path, skip_invalid: bool) -> None:
    """Import a backlog of complaints from a CSV (UTF-8) or XLSX file (README: Importing a
    backlog). Exit status 1 when any row has a problem."""
    from cicdr.services.intake import backlog

    try:
        valid, errors, count = backlog.read_file(db.session, file)
    except backlog.BadFile as exc:
        raise click.ClickException(str(exc)) from exc
    for error in errors:
        click.echo(str(error), err=True)
    with click.progressbar(length=len(valid), label="Importing complaints",
                           file=sys.stderr) as bar:
        outcome = backlog.import_rows(db.session, valid, errors, source=file.name, rows=count,
                                      skip_invalid=skip_invalid, progress=bar.update)
    if errors and not skip_invalid:
        click.echo(f"Nothing imported: {outcome.refused_lines} of {count} row(s) have "
                   "problems (fix them, or use --skip-invalid to import the others).", err=True)
        sys.exit(1)
    click.echo(f"{outcome.created} complaint(s) imported; {outcome.already} row(s) were "
               f"already there; {outcome.refused_lines} row(s) refused.")
    if errors:
        sys.exit(1)


def _register_operations() -> None:
    """Backup and restore live in their own module (cicdr.cli_ops), statistics in theirs."""
    from cicdr.cli_ops import backup_command, restore_command
    from cicdr.cli_stats import report_command, stats_command

    cli.add_command(backup_command)
    cli.add_command(restore_command)
    cli.add_command(stats_command)
    cli.add_command(report_command)


_register_operations()

"""`seed_demo`: the demo accounts, then a few hundred complaints run along their paths."""

from __future__ import annotations

import random
from datetime import date

import click
from sqlalchemy import func, select

from cicdr.demo.actions import Demo
from cicdr.demo.scenarios import PATHS, allocate
from cicdr.demo.scheduler import Scheduler
from cicdr.demo.users import Staff, ensure_users
from cicdr.models import Complaint
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from cicdr.services.notify import events


def seed_demo(session: DbSession, *, complaints: int, seed: int, store_dir: str, fast: bool,
              today: date | None = None) -> int:
    """Create the demo users, then `complaints` complaints unless any exists; return how many.

    The same seed on the same `today` (default: the real today) gives the same data. Steps
    the services refused are reported on stderr (there should be none)."""
    users = ensure_users(session, fast=fast)
    if complaints <= 0 or session.scalar(select(func.count()).select_from(Complaint)):
        return 0
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    chosen = allocate(rng, complaints)
    rng.shuffle(chosen)
    scheduler = Scheduler(today or date.today())
    with click.progressbar(length=complaints, label="Creating demo complaints") as bar:
        demo = Demo(session, BlobStore(store_dir), Staff.of(users), scheduler, bar)
        with events.suppressed(session):  # never e-mail made-up people
            scheduler.run([PATHS[i][3](demo, random.Random(rng.getrandbits(64)))  # noqa: S311
                           for i in chosen])
    if scheduler.failures:
        click.echo(f"{len(scheduler.failures)} demo step(s) were refused; first: "
                   f"{scheduler.failures[0]}", err=True)
    return demo.created

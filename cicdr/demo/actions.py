"""The demo's hands: the staff, the simulated today, and the real services every story acts
through (`fire`, `submit_complaint`, `draft_referral`) - never a state written directly."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from cicdr.demo.complaint import Made
from cicdr.demo.scheduler import Scheduler, Steps
from cicdr.demo.users import Staff
from cicdr.models import Complaint, Referral, User
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.actors import ComplainantActor
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import submit_complaint


class Demo:
    """What every path needs: services, staff, today, and the scheduler to start side paths."""

    def __init__(self, session: DbSession, store: BlobStore, staff: Staff,
                 scheduler: Scheduler, progress: Any) -> None:
        self.session, self.store, self.staff = session, store, staff
        self.scheduler, self.progress = scheduler, progress
        self.today = scheduler.today
        self.officers, self.president = staff.officers, staff.president
        self.created = 0
        self.last_online: tuple[str, Made] | None = None  # for a double submission

    def fire(self, subject: Any, trigger: str, actor: Any, day: date, **data: Any) -> None:
        """Fire `trigger` on `subject` as `actor` on the simulated `day`."""
        fire(self.session, subject, trigger, actor, today=day, **data)

    def submit(self, r: random.Random, made: Made, day: date) -> Complaint:
        """File `made`: online by the complainant, otherwise registered by an officer."""
        new = made.new
        actor = (ComplainantActor("pending") if new.channel == "online"
                 else r.choice(self.officers))
        complaint, _code = submit_complaint(self.session, new, actor, store=self.store, today=day)
        self.created += 1
        self.progress.update(1)
        if new.channel == "online" and new.complainant is not None and not made.police:
            self.last_online = (complaint.reference, made)
        return complaint

    def draft(self, subject: Any, body: str, purpose: str, officer: User, summary: str,
              day: date) -> Referral:
        """Draft a referral of `subject` to `body`."""
        return draft_referral(self.session, subject, body=body, purpose=purpose, actor=officer,
                              summary=summary, today=day)

    def spawn(self, path: Steps) -> None:
        """Start a side path (a referral that runs alongside its complaint)."""
        self.scheduler.spawn(path)

    def commissioner(self, r: random.Random) -> User:
        return r.choice(self.staff.commissioners)

    def back(self, r: random.Random, lo: int, hi: int) -> date:
        """A day between `hi` and `lo` days before today."""
        return self.today - timedelta(days=r.randint(lo, hi))

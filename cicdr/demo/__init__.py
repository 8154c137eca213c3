"""Demo data: one account per role and a few hundred realistic complaints, driven through the
real services (`submit_complaint`, `fire`, `draft_referral`), never by writing states directly.

Modules: `users` (the accounts), `groups` / `people` / `places` (communities, names and
addresses from Faker), `stories` (what happened, by context), `complaint` (a complaint ready
to file), `evidence` (stand-in files), `texts` (what staff and bodies write), `scheduler`
(runs the paths in simulated-date order), `days` and `draw` (simulated days, weighted
draws), `actions` (the services the paths act through), `stages` (stretches paths share),
`scenarios` (one module per path, and the catalogue that reaches every workflow state),
`tables` (the demo's only reads of the legal tables), `seed` (the entry point).
"""

from __future__ import annotations

from cicdr.demo.complaint import Made, make_complaint
from cicdr.demo.seed import seed_demo
from cicdr.demo.users import DEMO_PASSWORD, DEMO_USERS, ensure_users

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "Made", "ensure_users", "make_complaint", "seed_demo"]

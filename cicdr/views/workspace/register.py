"""The register of sanctioned persons (domain.md 5): every final fine or admonition, with the
respondent named (natural persons too), for recidivism checks. Staff only, never the admin
(the blueprint refuses the admin); each view or search is recorded, as it shows personal data.
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_login import current_user

from cicdr.extensions import db
from cicdr.services.audit import access
from cicdr.services.documents.formats import ACCESSORIES, eur
from cicdr.services.queries import publication
from cicdr.views.workspace.blueprint import bp, require_role
from workflows.spec import Role

READERS = (Role.OFFICER, Role.PRESIDENT, Role.COMMISSIONER, Role.AUDITOR)


@bp.get("/register")
def sanctions_register() -> Any:
    """Sanctioned respondents by name, with the sanction, what is paid and owed, and dates."""
    require_role(*READERS)
    q = (request.args.get("q") or "").strip()[:200]
    rows = publication.sanctions_register(db.session, q or None)
    access.record(db.session, current_user, access.SEARCH if q else access.VIEW,
                  endpoint=request.full_path, subject_type="sanctions_register",
                  data={"q": q, "results": len(rows)} if q else {"results": len(rows)})
    return render_template("workspace/register.html", rows=rows, q=q, eur=eur,
                           accessories=ACCESSORIES)

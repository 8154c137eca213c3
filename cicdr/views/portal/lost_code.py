"""The lost-code page: CICDR's contacts, and a new access code by e-mail for a complainant who
gave one. One answer whatever is typed (services/casework/lost_code.py says why); limited per
client, so the page cannot be used to guess which e-mail goes with which reference."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cicdr.extensions import db, limiter
from cicdr.forms.portal import LostCodeForm
from cicdr.services.casework import lost_code
from cicdr.services.notify import compose
from cicdr.views import limits
from cicdr.views.portal.blueprint import bp


@bp.route("/follow/lost-code", methods=["GET", "POST"])
@limiter.limit(limits.setting("LOST_CODE_LIMIT"), methods=["POST"])
def lost_code_page() -> Any:
    """Contacts, and the form asking for a new code (the same answer whatever happened)."""
    form = LostCodeForm()
    if form.validate_on_submit():
        lost_code.reissue(db.session, form.reference.data, form.email.data,
                          compose.settings_for(db.session))
        flash(_("If this reference and this e-mail address belong to the same complaint, CICDR "
                "has sent a new access code to that address, and the old code no longer works. "
                "If no e-mail arrives within an hour, check your spam folder or contact CICDR."),
              "info")
        return redirect(url_for("portal.lost_code_page"))
    status = 400 if request.method == "POST" else 200
    return render_template("portal/lost_code.html", form=form), status

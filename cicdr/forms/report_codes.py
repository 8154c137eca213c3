"""The coded facts the annual report counts, asked on the complaint form's "why" step (public
and staff entry): who was discriminated against (one person, a group, a community), an
individual's sex, and how the ground showed itself (vocabulary `expression`). All optional:
"I prefer not to say" is stored as no value (an individual's sex as `unknown`).

A mixin, so the form classes of `complaint.py` only name it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wtforms import RadioField, SelectChoice, SelectField
from wtforms.validators import Optional

from cicdr.forms.choices import per_tables
from cicdr.forms.lazy import lazy_gettext as _l

PREFER_NOT = _l("I prefer not to say")
VICTIM_KINDS = {"individual": _l("One person"), "group": _l("A group of people"),
                "community": _l("A whole community (for example, all the Roma of a town)")}
SEXES = {"female": _l("Female"), "male": _l("Male"), "other": _l("Other")}
EXPRESSIONS = {
    "roma": _l("Roma people"),
    "black_african_descent": _l("Black people or people of African descent"),
    "brazilian_nationality": _l("Brazilian nationality"),
    "other_nationalities": _l("Another nationality"),
    "south_asian": _l("People from South Asia"),
    "east_asian": _l("People from East Asia"),
    "arab_north_african": _l("Arab or North African people"),
    "migrants_general": _l("Migrants in general"),
    "language_accent": _l("Language or accent"),
    "other": _l("Something else"),
}


def _offered(vocabulary: str, labels: dict[str, Any],
             skip: str = "") -> Callable[[], list[SelectChoice]]:
    """The active codes but `skip` (an administrator may add or switch off one while the
    server runs; an added code shows its Portuguese label), then "I prefer not to say"."""
    return per_tables(lambda current: [
        SelectChoice(code, labels.get(code, label))
        for code, label in current.labels(vocabulary).items()
        if code != skip and current.is_active(vocabulary, code)] + [SelectChoice("", PREFER_NOT)])


class ReportCodesMixin:
    """Three optional questions for the statistics (see the module docstring)."""

    victim_kind = RadioField(_l("Who was discriminated against?"),
                             choices=_offered("victim_kind", VICTIM_KINDS),
                             validators=[Optional()], default="")
    victim_sex = RadioField(_l("If it was one person: their sex"),
                            choices=_offered("sex", SEXES, skip="unknown"),
                            validators=[Optional()], default="")
    expression_code = SelectField(
        _l("Which of these describes best who was targeted?"),
        choices=_offered("expression", EXPRESSIONS), validators=[Optional()], default="",
        description=_l("Optional. CICDR counts these in its annual report; nobody is named."))


def report_codes_of(form: Any) -> dict[str, str | None]:
    """The answers as `NewComplaint` fields (None when not said)."""
    return {"victim_kind": form.victim_kind.data or None,
            "victim_sex": form.victim_sex.data or None,
            "expression": form.expression_code.data or None}

"""What a complaint draft may keep of each step: the form's own fields, each with a length cap.

A draft saves what was sent before it is validated, so that nothing typed is lost; without these
caps an anonymous visitor could store any field of any size. A field's cap is twice its form's
maximum (a text a little too long is still saved and shown with the form's own error, and stays
invalid), or `SHORT` for fields without one (choices, dates, tick boxes). Rows of repeated
fields (respondents, victims, witnesses) are allowed up to the form's maximum number of rows.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from wtforms import FieldList, FormField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

from cicdr.forms import complaint as forms

SHORT = 200  # a choice code, a date, a tick box


def _cap(unbound: UnboundField) -> int:
    lengths = [v.max for v in unbound.kwargs.get("validators") or ()
               if isinstance(v, Length) and v.max and v.max > 0]
    return 2 * max(lengths) if lengths else SHORT


def _fields(form_class: Any) -> dict[str, UnboundField]:
    """The form class's fields by name (as WTForms finds them: public unbound attributes)."""
    return {name: getattr(form_class, name) for name in dir(form_class)
            if not name.startswith("_") and isinstance(getattr(form_class, name), UnboundField)}


def _limits(form_class: Any) -> dict[str, int]:
    limits: dict[str, int] = {}
    for name, unbound in _fields(form_class).items():
        if unbound.field_class is FieldList:
            inner: UnboundField = unbound.args[0]
            rows = int(unbound.kwargs.get("max_entries") or 1)
            if inner.field_class is FormField:
                for sub, sub_field in _fields(inner.args[0]).items():
                    cap = _cap(sub_field)
                    limits.update({f"{name}-{i}-{sub}": cap for i in range(rows)})
            else:
                limits.update({f"{name}-{i}": _cap(inner) for i in range(rows)})
        else:
            limits[name] = _cap(unbound)
    return limits


@cache
def step_limits(slug: str) -> dict[str, int]:
    """Field name -> most characters kept, for one step of the complaint form."""
    for step_slug, _title, form_class in forms.STEPS:
        if step_slug == slug:
            return _limits(form_class)
    raise KeyError(slug)

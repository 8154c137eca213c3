"""Every error of a form, nested lists included, with the id of the field to jump to."""

from __future__ import annotations

from typing import Any

from wtforms import FieldList, FormField, RadioField, SelectMultipleField


def leaf_errors(form: Any) -> list[tuple[str, str]]:
    """(target id, message) for each error, in the order of the form."""
    found: list[tuple[str, str]] = [("", str(e)) for e in getattr(form, "form_errors", [])]
    for field in form:
        if isinstance(field, FieldList):
            for entry in field.entries:
                found += leaf_errors(entry.form) if isinstance(entry, FormField) else \
                    [(entry.id, str(e)) for e in entry.errors]
        elif isinstance(field, FormField):
            found += leaf_errors(field.form)
        elif field.type == "CSRFTokenField":
            found += [("", str(e)) for e in field.errors]
        else:
            target = f"{field.id}-0" if isinstance(field, RadioField | SelectMultipleField) \
                else field.id
            found += [(target, str(e)) for e in field.errors]
    return found

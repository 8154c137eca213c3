"""Select options rendered once per process, not once per page.

A case page renders a dozen selects (districts, contexts, respondent kinds, officers...), and
WTForms builds every option through `html_params` and a Markup format: about a sixth of the
complaint page's CPU. An option's HTML depends only on its value, its escaped label and whether
it is selected, so `CachedSelect` keeps each one it renders (bounded LRU). The output is the
widget's own, byte for byte: a miss calls `Select.render_option`; options with attributes of
their own (`render_kw`) or values that cannot be keys are rendered as before, uncached.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape
from wtforms import SelectField, SelectMultipleField
from wtforms.fields.choices import Choice
from wtforms.widgets import Select


@lru_cache(maxsize=4096)
def _option(_kind: str, value: Any, label: Markup, selected: bool) -> Markup:
    """The widget's HTML of one option (`label` already escaped: escaping it again is a no-op)."""
    return Select.render_option(Choice(value=value, label=label, selected=selected,
                                       render_kw={}))


class CachedSelect(Select):
    """`wtforms.widgets.Select` whose options come from the cache above."""

    @classmethod
    def render_option(cls, choice: Choice, **kwargs: Any) -> Markup:
        if kwargs or choice.render_kw:
            return Select.render_option(choice, **kwargs)
        label = escape(choice.label or choice.value)
        try:
            return _option(type(choice.value).__name__, choice.value, label,
                           bool(choice.selected))
        except TypeError:  # an unhashable value
            return Select.render_option(choice)


def install() -> None:
    """Every select of the project renders through CachedSelect (the fields' default widget)."""
    SelectField.widget = CachedSelect()
    SelectMultipleField.widget = CachedSelect(multiple=True)

"""The project's forms (WTForms). Their selects render options through a per-process cache
(select_options)."""

from cicdr.forms.select_options import install

install()

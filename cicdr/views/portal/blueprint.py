"""The public portal's blueprint (`portal`, no account needed)."""

from flask import Blueprint

from cicdr.views.complaint_parts import layout_part

bp = Blueprint("portal", __name__)
bp.add_app_template_global(layout_part)  # the layout's parts, kept per language

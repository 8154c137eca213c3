"""The public portal's blueprint (`portal`, no account needed)."""

from flask import Blueprint

bp = Blueprint("portal", __name__)

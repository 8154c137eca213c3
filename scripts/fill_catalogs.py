"""Create or update each language's catalogue from messages.pot, filling known translations.

Usage: python scripts/fill_catalogs.py TRANSLATIONS.py
TRANSLATIONS.py defines T = {msgid: {lang: msgstr}}; English is the source text itself.
Entries of T are written (replacing what the .po had for them); other entries are kept.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1] / "cicdr" / "translations"
LANGUAGES = ("pt", "en", "es", "fr", "uk", "ne", "bn", "ar")


def main(source: str) -> None:
    table = runpy.run_path(source)["T"]
    for lang in LANGUAGES:
        # A fresh template per language: Catalog.update shares new Message objects with the
        # template, so reusing one would leak one language's strings into the next.
        with (ROOT / "messages.pot").open("rb") as f:
            template = read_po(f)
        path = ROOT / lang / "LC_MESSAGES" / "messages.po"
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=lang)
            catalog.update(template)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            with (ROOT / "messages.pot").open("rb") as f:
                catalog = read_po(f, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            known = message.id if lang == "en" else table.get(message.id, {}).get(lang)
            if known:  # the table is the source of truth for the entries it contains
                message.string = known
            message.flags.discard("fuzzy")
        catalog.fuzzy = False  # the header: a fuzzy catalogue is skipped by the compiler
        with path.open("wb") as f:
            write_po(f, catalog, sort_output=True, omit_header=False, width=100)


if __name__ == "__main__":
    main(sys.argv[1])

"""PDFs render every portal language's script: a complainant who filed in Nepali, Bengali or
Arabic, with their name and place in that script, gets an acknowledgement whose PDF embeds a
bundled Noto font covering the script, and whose text holds those letters (not empty boxes)."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pypdf
import pytest
from flask import current_app

from cicdr.services import documents
from cicdr.services.core.storage import BlobStore
from cicdr.services.documents.pdf import html_to_pdf
from cicdr.services.intake.registration import PartyData
from tests import factories

SCRIPTS = {  # language: (name, place, the font that covers the script, its Unicode block)
    "ne": ("राम बहादुर थापा", "काठमाडौं", "NotoSansDevanagari", "[\u0900-\u097f]"),
    "bn": ("রহিম উদ্দিন", "ঢাকা", "NotoSansBengali", "[\u0980-\u09ff]"),
    "ar": ("محمد العلي", "الدار البيضاء", "NotoNaskhArabic", "[\u0600-\u06ff]"),
}


def fonts_of(pdf: bytes) -> set[str]:
    """The base names of the fonts the PDF embeds, without the subset prefix and dashes."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            base = str(font.get_object()["/BaseFont"])
            names.add(base.split("+", 1)[-1].replace("-", ""))
    return names


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(page.extract_text() or "" for page in reader.pages)


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_the_acknowledgement_embeds_a_font_for_the_complainants_script(
        session: Any, users: Any, language: str) -> None:
    name, place, font, block = SCRIPTS[language]
    complaint = factories.complaint(
        session, language=language, place=place,
        complainant=PartyData(role="complainant", name=name, email="pessoa@example.org"))
    made = documents.generate(session, complaint, "acknowledgement", users.officer,
                              store=BlobStore(current_app.config["BLOB_DIR"]),
                              today=date(2026, 3, 11))
    pdf = BlobStore(current_app.config["BLOB_DIR"]).get(made.sha256)
    assert font in fonts_of(pdf)
    assert "DejaVuSerif" in fonts_of(pdf)  # the Portuguese text keeps its face
    text = text_of(pdf)
    assert re.search(f"{block}{{3,}}", text)
    assert name.split()[0] in text and complaint.reference in text


def test_only_the_bundled_fonts_are_ever_loaded() -> None:
    """Nothing but the font files: a stylesheet or image URL in the HTML stays unloaded."""
    pdf = html_to_pdf('<html class="letter"><body><p>Olá, राम.</p>'
                      '<img src="file:///etc/passwd"></body></html>')
    assert "NotoSansDevanagari" in fonts_of(pdf)
    assert b"root:" not in pdf

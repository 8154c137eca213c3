"""The annual report: the year's numbers laid out as a report in Portuguese (summary, each
breakdown as a chart and a table, durations, backlog, deadlines, a short methodology), as PDF
(`templates/documents/annual_report.html`, WeasyPrint) beside the same numbers as JSON."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from cicdr.services.documents.formats import render
from cicdr.services.documents.pdf import html_to_pdf
from cicdr.services.statistics import charts, layout
from workflows.tables import LegalTables

TEMPLATE = "documents/annual_report.html"


def html(numbers: Mapping[str, Any], year: int, tables: LegalTables,
         made_on: date | None = None) -> str:
    """The report's HTML (what the PDF is made from)."""
    shown = layout.breakdowns(numbers, tables, "pt")
    # Inline <svg> elements: the PDF renderer fetches no URL, not even a data: one.
    pictures = {b.key: charts.inline(charts.bar_svg(
        b.title, [(label, n) for _code, label, n in b.rows])) for b in shown}
    return render(TEMPLATE, tables, numbers=numbers, year=year, breakdowns=shown,
                  pictures=pictures, singles=layout.singles(numbers, "pt"),
                  durations={k: v[1] for k, v in layout.DURATIONS.items()},
                  word=lambda code: layout.word(code, "pt"),
                  made_on=made_on or date.today())


def pdf(numbers: Mapping[str, Any], year: int, tables: LegalTables,
        made_on: date | None = None) -> bytes:
    """The report as PDF. Raises documents.pdf.PdfUnavailable without WeasyPrint."""
    return html_to_pdf(html(numbers, year, tables, made_on))

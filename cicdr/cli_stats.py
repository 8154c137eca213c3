"""`flask cicdr stats` and `flask cicdr report`: the statistics and the annual report from the
command line (the same numbers as /staff/statistics.json and the page's report button)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from cicdr.extensions import db


@click.command("stats")
@click.option("--from", "from_", metavar="YYYY-MM-DD", help="First day (default: 1 January).")
@click.option("--to", "to", metavar="YYYY-MM-DD", help="Last day, included (default: 31 "
              "December of the first day's year, or of this year).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True)
def stats_command(from_: str | None, to: str | None, fmt: str) -> None:
    """Print the statistics of a period (README: Statistics)."""
    from cicdr.services.core.errors import InvalidData
    from cicdr.services.core.legal_tables import current_tables
    from cicdr.services.statistics import figures, layout

    try:
        start, _end = figures.period(from_, None, date.today())
        start, end = figures.period(from_, to, start)  # no --to: the first day's year
    except InvalidData as exc:
        raise click.ClickException("; ".join(exc.errors.values())) from exc
    numbers = figures.compute(db.session, start, end)
    if fmt == "csv":
        click.echo(layout.csv_text(numbers, current_tables(db.session)), nl=False)
    else:
        click.echo(json.dumps(numbers, ensure_ascii=False, indent=1))


@click.command("report")
@click.option("--year", type=click.IntRange(2000, 2999), required=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF to write (default: cicdr-relatorio-anual-YEAR.pdf here); its "
                   "numbers go beside it as .json.")
def report_command(year: int, output: Path | None) -> None:
    """Write the annual report of YEAR as PDF (in Portuguese) and its numbers as JSON."""
    from cicdr.services.core.legal_tables import current_tables
    from cicdr.services.documents.pdf import PdfUnavailable
    from cicdr.services.statistics import annual_report, figures

    tables = current_tables(db.session)
    numbers = figures.year(db.session, year, tables)
    pdf_path = output or Path(f"cicdr-relatorio-anual-{year}.pdf")
    json_path = pdf_path.with_suffix(".json")
    json_path.write_text(json.dumps(numbers, ensure_ascii=False, indent=1) + "\n",
                         encoding="utf-8")
    try:
        pdf_path.write_bytes(annual_report.pdf(numbers, year, tables))
    except PdfUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{pdf_path} and {json_path} written: {numbers['complaints']['total']} "
               f"complaint(s) received in {year}.")

"""The numbers laid out for people: the breakdowns with titles and labels (English for the staff
pages, Portuguese for the annual report), the single figures, and flat rows for CSV and XLSX.

Labels of vocabulary codes are the vocabulary's own (Portuguese) labels, as on every staff
page; the other codes (outcomes, decisions, age bands) are worded here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cicdr.services.statistics.breakdowns import VOCABULARY_OF
from workflows.tables import LegalTables

# Breakdowns: path in the JSON -> (vocabulary or None, English title, Portuguese title).
BREAKDOWNS: dict[tuple[str, ...], tuple[str | None, str, str]] = {
    ("complaints", "by_origin"): ("origin", "Complaints by origin", "Queixas por origem"),
    ("complaints", "by_channel"): ("channel", "Complaints by channel", "Queixas por canal"),
    ("complaints", "by_district"): ("district", "Complaints by district",
                                    "Queixas por distrito"),
    ("complaints", "by_context"): ("context", "Complaints by context", "Queixas por contexto"),
    ("complaints", "by_practice"): ("practice", "Complaints by practice (art. 4(2))",
                                    "Queixas por prática (art. 4.º, n.º 2)"),
    ("complaints", "by_ground"): ("ground", "Complaints by ground",
                                  "Queixas por fator de discriminação"),
    ("complaints", "by_expression"): ("expression", "Complaints by expression of the ground",
                                      "Queixas por expressão do fator"),
    ("complaints", "by_victim_kind"): ("victim_kind", "Complaints by kind of victim",
                                       "Queixas por tipo de vítima"),
    ("complaints", "by_victim_sex"): ("sex", "Individual victims by sex",
                                      "Vítimas individuais por sexo"),
    ("complaints", "by_respondent_kind"): ("respondent_kind", "Complaints by kind of respondent",
                                           "Queixas por tipo de visado"),
    ("complaints", "by_security_force"): ("security_force", "Complaints by security force",
                                          "Queixas por força de segurança"),
    ("outcomes", "by_triage_outcome"): (None, "Triage outcomes", "Resultados da triagem"),
    ("outcomes", "forwarded_by_body"): ("body", "Complaints forwarded, by body",
                                        "Queixas remetidas, por entidade"),
    ("outcomes", "prosecutor_outcomes"): (None, "The prosecutor's outcomes",
                                          "Resultados no Ministério Público"),
    ("outcomes", "disciplinary_by_body"): ("body", "Disciplinary referrals, by body",
                                           "Participações disciplinares, por entidade"),
    ("outcomes", "archived_by_reason"): ("archive_reason", "Complaints archived, by reason",
                                         "Queixas arquivadas, por motivo"),
    ("proceedings", "decisions_by_type"): (None, "Decisions by type (per respondent)",
                                           "Decisões por tipo (por arguido)"),
    ("proceedings", "appeals_by_court_outcome"): (None, "Appeals by court outcome",
                                                  "Recursos por decisão do tribunal"),
    ("backlog", "complaints"): (None, "Complaints open at the end of the period, by age (days)",
                                "Queixas pendentes no fim do período, por antiguidade (dias)"),
    ("backlog", "proceedings"): (None,
                                 "Proceedings open at the end of the period, by age (days)",
                                 "Processos pendentes no fim do período, por antiguidade "
                                 "(dias)"),
}
assert {k[1] for k in BREAKDOWNS if k[0] == "complaints"} == set(VOCABULARY_OF)
# Codes that are not vocabulary terms: English, Portuguese.
WORDS: dict[str, tuple[str, str]] = {
    "unknown": ("Unknown / not said", "Desconhecido / não indicado"),
    "forwarded": ("Forwarded to another body", "Remetida a outra entidade"),
    "referred_to_prosecutor": ("Referred to the prosecutor", "Participada ao Ministério Público"),
    "proceeding_opened": ("Proceeding opened", "Processo de contraordenação instaurado"),
    "archived": ("Archived", "Arquivada"),
    "inquiry_opened": ("Inquiry opened", "Inquérito aberto"),
    "charged": ("Charged", "Acusação"),
    "convicted": ("Convicted", "Condenação"),
    "acquitted": ("Acquitted", "Absolvição"),
    "returned": ("Returned to CICDR", "Devolvido à CICDR"),
    "fine": ("Fine", "Coima"),
    "admonition": ("Admonition", "Admoestação"),
    "dismissal": ("Dismissal", "Arquivamento"),
    "confirmed": ("Confirmed", "Confirmada"),
    "altered": ("Altered", "Alterada"),
    "annulled": ("Annulled", "Anulada"),
    "returned_for_new_decision": ("Returned for a new decision", "Devolvida para nova decisão"),
    "pending": ("Not yet ruled", "Pendente"),
    "total": ("Total", "Total"),
    "0_30": ("0 to 30", "0 a 30"), "31_90": ("31 to 90", "31 a 90"),
    "91_180": ("91 to 180", "91 a 180"), "181_365": ("181 to 365", "181 a 365"),
    "over_365": ("over 365", "mais de 365"),
}
# Single figures: path in the JSON -> English, Portuguese.
SINGLE: dict[tuple[str, ...], tuple[str, str]] = {
    ("complaints", "total"): ("Complaints received", "Queixas recebidas"),
    ("incidents",): ("Incidents the complaints are about", "Incidentes visados pelas queixas"),
    ("outcomes", "referred_to_prosecutor"): ("Referrals to the prosecutor sent",
                                             "Participações ao Ministério Público"),
    ("proceedings", "opened"): ("Proceedings opened", "Processos instaurados"),
    ("proceedings", "respondents_decided"): ("Respondents decided", "Arguidos decididos"),
    ("proceedings", "fines_total"): ("Fines imposed, total (EUR)",
                                     "Coimas aplicadas, total (EUR)"),
    ("proceedings", "fines_average"): ("Fines imposed, average (EUR)",
                                       "Coimas aplicadas, média (EUR)"),
    ("proceedings", "fines_amount_paid"): ("Of which paid (EUR)", "Das quais pagas (EUR)"),
    ("proceedings", "admonitions"): ("Admonitions", "Admoestações"),
    ("proceedings", "dismissals"): ("Dismissals", "Arquivamentos"),
    ("proceedings", "appeals"): ("Appeals lodged", "Recursos de impugnação"),
    ("proceedings", "fines_paid"): ("Fines paid", "Coimas pagas"),
    ("proceedings", "fines_enforced"): ("Fines sent for enforcement",
                                        "Coimas remetidas para execução"),
    ("proceedings", "prescribed"): ("Prescribed", "Prescrições"),
    ("proceedings", "closed"): ("Proceedings closed", "Processos encerrados"),
    ("deadlines", "met"): ("Deadlines met", "Prazos cumpridos"),
    ("deadlines", "missed"): ("Deadlines missed", "Prazos ultrapassados"),
}
DURATIONS: dict[str, tuple[str, str]] = {
    "receipt_to_triage_outcome": ("From receipt to the triage outcome",
                                  "Da receção ao resultado da triagem"),
    "opening_to_decision": ("From the opening of the proceeding to the decision",
                            "Da instauração do processo à decisão"),
}
LANGUAGES = {"en": 0, "pt": 1}


@dataclass(frozen=True)
class Breakdown:
    """One breakdown as shown: its path in the JSON, title, and (code, label, count) rows."""

    key: str  # "complaints.by_origin"
    title: str
    rows: list[tuple[str, str, int | None]]


def word(code: str, lang: str) -> str:
    pair = WORDS.get(code)
    return pair[LANGUAGES[lang]] if pair else code


def _label(vocabulary: str | None, code: str, tables: LegalTables, lang: str) -> str:
    if vocabulary is not None and code in tables.labels(vocabulary):
        return tables.label(vocabulary, code)
    return word(code, lang)


def breakdowns(numbers: Mapping[str, Any], tables: LegalTables,
               lang: str = "en") -> list[Breakdown]:
    """The breakdowns present in `numbers` (all of them, or the open data's), in order."""
    found = []
    for path, (vocabulary, en, pt) in BREAKDOWNS.items():
        value: Any = numbers
        for part in path:
            value = value.get(part) if isinstance(value, Mapping) else None
        if not isinstance(value, Mapping):
            continue
        rows = [(code, _label(vocabulary, code, tables, lang), n) for code, n in value.items()
                if not (path[0] == "backlog" and code == "total")]
        found.append(Breakdown(".".join(path), (en, pt)[LANGUAGES[lang]], rows))
    return found


def singles(numbers: Mapping[str, Any], lang: str = "en") -> list[tuple[str, str, Any]]:
    """(key, label, value) of the single figures present in `numbers`."""
    out = []
    for path, pair in SINGLE.items():
        parent: Any = numbers
        for part in path[:-1]:
            parent = parent.get(part) if isinstance(parent, Mapping) else None
        if isinstance(parent, Mapping) and path[-1] in parent:
            out.append((".".join(path), pair[LANGUAGES[lang]], parent[path[-1]]))
    return out


def flat(numbers: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str, Any]]:
    """Every number as (section, key, value): `("complaints.by_origin", "queixa", 3)`,
    `("proceedings", "opened", 1)`; `from`, `to`, `year` and `as_of` are left to the caller."""
    for key, value in numbers.items():
        if isinstance(value, Mapping):
            yield from flat(value, f"{prefix}.{key}" if prefix else key)
        elif key not in ("from", "to", "year", "as_of"):
            yield prefix, key, value


def csv_text(numbers: Mapping[str, Any], tables: LegalTables, lang: str = "en",
             shown: Any = None) -> str:
    """The numbers as CSV: section, key, label, value (one row per number). `shown` writes a
    value (the open data writes a suppressed count as `<3`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "label", "value"])
    for section, key, value in flat(numbers):
        vocabulary = _vocabulary_of(section)
        writer.writerow([section, key, _label(vocabulary, key, tables, lang),
                         shown(value) if shown else ("" if value is None else value)])
    return out.getvalue()


def _vocabulary_of(section: str) -> str | None:
    found = BREAKDOWNS.get(tuple(section.split(".")))
    return found[0] if found else None


def xlsx_bytes(numbers: Mapping[str, Any], tables: LegalTables, lang: str = "en") -> bytes:
    """The same rows as `csv_text` in an XLSX workbook (one sheet, a header row, numbers as
    numbers), plus the period on a first line."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "statistics"
    sheet.append(["from", numbers.get("from", numbers.get("year")), "to", numbers.get("to")])
    sheet.append(["section", "key", "label", "value"])
    for section, key, value in flat(numbers):
        sheet.append([section, key, _label(_vocabulary_of(section), key, tables, lang), value])
    for column, width in zip("ABCD", (34, 26, 60, 12), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

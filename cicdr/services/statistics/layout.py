"""The numbers laid out for people: the breakdowns with titles and labels (`N_` messages for
the staff pages, which show them in the reader's language; Portuguese for the annual report, a
document CICDR publishes in Portuguese), the single figures, and flat rows for CSV and XLSX.

Labels of vocabulary codes are the vocabulary's own (Portuguese) labels, as on every staff
page; the other codes (outcomes, decisions, age bands) are worded here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cicdr.services.statistics.breakdowns import VOCABULARY_OF
from workflows.tables import LegalTables
from workflows.text import N_, Msg

# Breakdowns: path in the JSON -> (vocabulary or None, title (N_), Portuguese title).
BREAKDOWNS: dict[tuple[str, ...], tuple[str | None, Msg, str]] = {
    ("complaints", "by_origin"): ("origin", N_("Complaints by origin"), "Queixas por origem"),
    ("complaints", "by_channel"): ("channel", N_("Complaints by channel"), "Queixas por canal"),
    ("complaints", "by_district"): ("district", N_("Complaints by district"),
                                    "Queixas por distrito"),
    ("complaints", "by_context"): ("context", N_("Complaints by context"), "Queixas por contexto"),
    ("complaints", "by_practice"): ("practice", N_("Complaints by practice (art. 4(2))"),
                                    "Queixas por prática (art. 4.º, n.º 2)"),
    ("complaints", "by_ground"): ("ground", N_("Complaints by ground"),
                                  "Queixas por fator de discriminação"),
    ("complaints", "by_expression"): ("expression", N_("Complaints by expression of the ground"),
                                      "Queixas por expressão do fator"),
    ("complaints", "by_victim_kind"): ("victim_kind", N_("Complaints by kind of victim"),
                                       "Queixas por tipo de vítima"),
    ("complaints", "by_victim_sex"): ("sex", N_("Individual victims by sex"),
                                      "Vítimas individuais por sexo"),
    ("complaints", "by_respondent_kind"): ("respondent_kind",
                                           N_("Complaints by kind of respondent"),
                                           "Queixas por tipo de visado"),
    ("complaints", "by_security_force"): ("security_force", N_("Complaints by security force"),
                                          "Queixas por força de segurança"),
    ("outcomes", "by_triage_outcome"): (None, N_("Triage outcomes"), "Resultados da triagem"),
    ("outcomes", "forwarded_by_body"): ("body", N_("Complaints forwarded, by body"),
                                        "Queixas remetidas, por entidade"),
    ("outcomes", "prosecutor_outcomes"): (None, N_("The prosecutor's outcomes"),
                                          "Resultados no Ministério Público"),
    ("outcomes", "disciplinary_by_body"): ("body", N_("Disciplinary referrals, by body"),
                                           "Participações disciplinares, por entidade"),
    ("outcomes", "archived_by_reason"): ("archive_reason", N_("Complaints archived, by reason"),
                                         "Queixas arquivadas, por motivo"),
    ("proceedings", "decisions_by_type"): (None, N_("Decisions by type (per respondent)"),
                                           "Decisões por tipo (por arguido)"),
    ("proceedings", "appeals_by_court_outcome"): (None, N_("Appeals by court outcome"),
                                                  "Recursos por decisão do tribunal"),
    ("backlog", "complaints"): (None, N_("Complaints open at the end of the period, by age (days)"),
                                "Queixas pendentes no fim do período, por antiguidade (dias)"),
    ("backlog", "proceedings"): (None,
                                 N_("Proceedings open at the end of the period, by age (days)"),
                                 "Processos pendentes no fim do período, por antiguidade "
                                 "(dias)"),
}
assert {k[1] for k in BREAKDOWNS if k[0] == "complaints"} == set(VOCABULARY_OF)
# Codes that are not vocabulary terms: words (N_), Portuguese.
WORDS: dict[str, tuple[Msg, str]] = {
    "unknown": (N_("Unknown / not said"), "Desconhecido / não indicado"),
    "forwarded": (N_("Forwarded to another body"), "Remetida a outra entidade"),
    "referred_to_prosecutor": (N_("Referred to the prosecutor"),
                               "Participada ao Ministério Público"),
    "proceeding_opened": (N_("Proceeding opened"), "Processo de contraordenação instaurado"),
    "archived": (N_("Archived"), "Arquivada"),
    "inquiry_opened": (N_("Inquiry opened"), "Inquérito aberto"),
    "charged": (N_("Charged"), "Acusação"),
    "convicted": (N_("Convicted"), "Condenação"),
    "acquitted": (N_("Acquitted"), "Absolvição"),
    "returned": (N_("Returned to CICDR"), "Devolvido à CICDR"),
    "fine": (N_("Fine"), "Coima"),
    "admonition": (N_("Admonition"), "Admoestação"),
    "dismissal": (N_("Dismissal"), "Arquivamento"),
    "confirmed": (N_("Confirmed"), "Confirmada"),
    "altered": (N_("Altered"), "Alterada"),
    "annulled": (N_("Annulled"), "Anulada"),
    "returned_for_new_decision": (N_("Returned for a new decision"), "Devolvida para nova decisão"),
    "pending": (N_("Not yet ruled"), "Pendente"),
    "total": (N_("Total"), "Total"),
    "0_30": (N_("0 to 30"), "0 a 30"), "31_90": (N_("31 to 90"), "31 a 90"),
    "91_180": (N_("91 to 180"), "91 a 180"), "181_365": (N_("181 to 365"), "181 a 365"),
    "over_365": (N_("over 365"), "mais de 365"),
}
# Single figures: path in the JSON -> words (N_), Portuguese.
SINGLE: dict[tuple[str, ...], tuple[Msg, str]] = {
    ("complaints", "total"): (N_("Complaints received"), "Queixas recebidas"),
    ("incidents",): (N_("Incidents the complaints are about"), "Incidentes visados pelas queixas"),
    ("outcomes", "referred_to_prosecutor"): (N_("Referrals to the prosecutor sent"),
                                             "Participações ao Ministério Público"),
    ("proceedings", "opened"): (N_("Proceedings opened"), "Processos instaurados"),
    ("proceedings", "respondents_decided"): (N_("Respondents decided"), "Arguidos decididos"),
    ("proceedings", "fines_total"): (N_("Fines imposed, total (EUR)"),
                                     "Coimas aplicadas, total (EUR)"),
    ("proceedings", "fines_average"): (N_("Fines imposed, average (EUR)"),
                                       "Coimas aplicadas, média (EUR)"),
    ("proceedings", "fines_amount_paid"): (N_("Of which paid (EUR)"), "Das quais pagas (EUR)"),
    ("proceedings", "admonitions"): (N_("Admonitions"), "Admoestações"),
    ("proceedings", "dismissals"): (N_("Dismissals"), "Arquivamentos"),
    ("proceedings", "appeals"): (N_("Appeals lodged"), "Recursos de impugnação"),
    ("proceedings", "fines_paid"): (N_("Fines paid"), "Coimas pagas"),
    ("proceedings", "fines_enforced"): (N_("Fines sent for enforcement"),
                                        "Coimas remetidas para execução"),
    ("proceedings", "prescribed"): (N_("Prescribed"), "Prescrições"),
    ("proceedings", "closed"): (N_("Proceedings closed"), "Processos encerrados"),
    ("deadlines", "met"): (N_("Deadlines met"), "Prazos cumpridos"),
    ("deadlines", "missed"): (N_("Deadlines missed"), "Prazos ultrapassados"),
}
DURATIONS: dict[str, tuple[Msg, str]] = {
    "receipt_to_triage_outcome": (N_("From receipt to the triage outcome"),
                                  "Da receção ao resultado da triagem"),
    "opening_to_decision": (N_("From the opening of the proceeding to the decision"),
                            "Da instauração do processo à decisão"),
}
LANGUAGES = {"en": 0, "pt": 1}  # "en": the N_ messages, which the staff pages translate
Words = Callable[[Any], str]  # how a label is written in a file (the view translates it)


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
             shown: Any = None, words: Words = str) -> str:
    """The numbers as CSV: section, key, label, value (one row per number). `shown` writes a
    value (the open data writes a suppressed count as `<3`); `words` writes a label (the
    staff view: in the reader's language)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "label", "value"])
    for section, key, value in flat(numbers):
        vocabulary = _vocabulary_of(section)
        writer.writerow([section, key, words(_label(vocabulary, key, tables, lang)),
                         shown(value) if shown else ("" if value is None else value)])
    return out.getvalue()


def _vocabulary_of(section: str) -> str | None:
    found = BREAKDOWNS.get(tuple(section.split(".")))
    return found[0] if found else None


def xlsx_bytes(numbers: Mapping[str, Any], tables: LegalTables, lang: str = "en",
               words: Words = str) -> bytes:
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
        sheet.append([section, key, words(_label(_vocabulary_of(section), key, tables, lang)),
                      value])
    for column, width in zip("ABCD", (34, 26, 60, 12), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""How letters write things in European Portuguese: dates, euros, terms, labels, and the
Jinja environment the document templates render in (no Flask: the CLI may generate too)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from cicdr.config import ROOT
from workflows import deadlines
from workflows.tables import LegalTables, in_force

MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
          "setembro", "outubro", "novembro", "dezembro")
UNITS = {("days", "working"): "dias úteis", ("days", "calendar"): "dias",
         ("years", "working"): "anos", ("years", "calendar"): "anos"}
ACCESSORIES = {
    "loss_of_objects": "perda de objetos pertencentes ao arguido",
    "activity_licence_ban": "interdição do exercício de atividade que dependa de título "
                            "público ou de autorização ou homologação de autoridade pública",
    "loss_of_subsidies": "privação do direito a subsídio ou benefício outorgado por "
                         "entidades ou serviços públicos",
    "fairs_markets_ban": "privação do direito de participar em feiras ou mercados",
    "public_tenders_ban": "privação do direito de participar em arrematações ou concursos "
                          "públicos",
    "establishment_closure": "encerramento de estabelecimento cujo funcionamento esteja "
                             "sujeito a autorização ou licença de autoridade administrativa",
    "licence_suspension": "suspensão de autorizações, licenças e alvarás",
}
ORIGIN_NOUNS = {"queixa": "queixa", "denuncia": "denúncia", "participacao": "participação"}
# Name particles left alone when a withheld name is masked word by word.
PARTICLES = frozenset({"da", "das", "de", "do", "dos", "e", "del", "della", "van", "von",
                       "der", "den", "la", "le", "du", "di", "al", "el", "bin", "ben", "ibn"})


def date_pt(day: date | None) -> str:
    """`12 de março de 2026`."""
    if day is None:
        return "—"
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"


def eur(amount: Decimal | None) -> str:
    """`5.371,30 €`: dot for thousands, comma for cents, as Portuguese official letters do."""
    if amount is None:
        return "—"
    whole, cents = f"{Decimal(amount):,.2f}".split(".")
    return f"{whole.replace(',', '.')},{cents} €"


_UNITS = ("zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez",
          "onze", "doze", "treze", "catorze", "quinze", "dezasseis", "dezassete", "dezoito",
          "dezanove")
_TENS = ("", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta",
         "noventa")
_HUNDREDS = ("", "cento", "duzentos", "trezentos", "quatrocentos", "quinhentos", "seiscentos",
             "setecentos", "oitocentos", "novecentos")


def _below_thousand(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens] + (f" e {_UNITS[units]}" if units else "")
    if n == 100:
        return "cem"
    hundreds, rest = divmod(n, 100)
    return _HUNDREDS[hundreds] + (f" e {_below_thousand(rest)}" if rest else "")


def _joined(head: str, rest: int, words: str) -> str:
    """`head` and the words of `rest`, with "e" before a last group that is below a hundred or
    whole hundreds (mil e cinco, mil e duzentos, but mil duzentos e cinquenta)."""
    if not rest:
        return head
    last = rest % 1000 or rest // 1000 % 1000
    plain = rest < 1000 or rest % 1000 == 0
    return f"{head} e {words}" if plain and (last < 100 or last % 100 == 0) else f"{head} {words}"


def number_words(n: int) -> str:
    """A whole number in European Portuguese words: 5371 -> `cinco mil trezentos e setenta e
    um`."""
    if n < 0:
        raise ValueError("number_words takes a number of zero or more")
    if n < 1000:
        return _below_thousand(n)
    if n < 1_000_000:
        thousands, rest = divmod(n, 1000)
        head = "mil" if thousands == 1 else f"{_below_thousand(thousands)} mil"
        return _joined(head, rest, _below_thousand(rest))
    millions, rest = divmod(n, 1_000_000)
    head = "um milhão" if millions == 1 else f"{number_words(millions)} milhões"
    return _joined(head, rest, number_words(rest))


def eur_words(amount: Decimal | None) -> str:
    """`setecentos e cinquenta euros e trinta cêntimos`, as an amount is written out in full
    beside its figures."""
    if amount is None:
        return "—"
    cents_total = int((Decimal(amount) * 100).quantize(Decimal("1")))
    euros, cents = divmod(cents_total, 100)
    parts = []
    if euros:
        whole_millions = euros >= 1_000_000 and euros % 1_000_000 == 0
        unit = "euro" if euros == 1 else ("de euros" if whole_millions else "euros")
        parts.append(f"{number_words(euros)} {unit}")
    if cents or not euros:
        parts.append(f"{number_words(cents)} {'cêntimo' if cents == 1 else 'cêntimos'}")
    return " e ".join(parts)


def term(kind: str, tables: LegalTables | None = None) -> str:
    """A deadline's length as written in a letter, from the rule of `tables` (the default
    tables when None): `10 dias úteis`."""
    rule = deadlines.rule(kind, tables=tables)
    return f"{rule.length} {UNITS[(rule.unit, rule.counting)]}"


def label(code: str | None, vocabulary: str, tables: LegalTables | None = None) -> str:
    """The Portuguese label of a vocabulary code (the code itself when unknown)."""
    return in_force(tables).label(vocabulary, code, "—")


# In templates, `term` and `label` read the tables `render` was given (`legal_tables`).
@pass_context
def _term_in(ctx: Context, kind: str) -> str:
    return term(kind, ctx.get("legal_tables"))


@pass_context
def _label_in(ctx: Context, code: str | None, vocabulary: str) -> str:
    return label(code, vocabulary, ctx.get("legal_tables"))


def practice_norm(letter: str) -> str:
    """The norm a practice violates: `alínea c) do n.º 2 do artigo 4.º da Lei n.º 93/2017...`."""
    return (f"alínea {letter}) do n.º 2 do artigo 4.º da Lei n.º 93/2017, de 23 de agosto, "
            "na redação dada pela Lei n.º 3/2024, de 15 de janeiro")


def practice_text(letter: str) -> str:
    """What a practice is, without its letter: `recusa ou condicionamento de venda...`."""
    text = label(letter, "practice").split(") ", 1)[-1]
    return text[:1].lower() + text[1:]


def slug(text: str, limit: int = 40) -> str:
    """An ASCII file-name part: `Imobiliária Exemplo, Lda.` -> `imobiliaria-exemplo-lda`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-") or "x"


def mask(text: str, secrets: Iterable[str], replacement: str = "[identidade reservada]") -> str:
    """`text` with every secret (a name, each significant word of it, an e-mail, a phone)
    replaced, whole words only and ignoring case. Masking too much beats revealing a name."""
    words: set[str] = set()
    for secret in secrets:
        secret = secret.strip()
        if not secret:
            continue
        words.add(secret)
        words.update(w for w in re.split(r"[\s,;]+", secret)
                     if len(w) >= 3 and w.lower() not in PARTICLES)
    for word in sorted(words, key=len, reverse=True):  # the full name before its parts
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, text, flags=re.IGNORECASE)
    return text


@functools.cache
def environment() -> Environment:
    """The Jinja environment of templates/documents: autoescaped, strict about missing data."""
    env = Environment(loader=FileSystemLoader(str(ROOT / "templates")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(date_pt=date_pt, eur=eur, eur_words=eur_words, label=_label_in)
    env.globals.update(term=_term_in, practice_norm=practice_norm, practice_text=practice_text,
                       accessories=ACCESSORIES, origin_nouns=ORIGIN_NOUNS)
    return env


def render(template: str, tables: LegalTables | None = None, **context: Any) -> str:
    """Render one template of the print environment to HTML, its terms and labels from
    `tables` (the default tables when None). A number never starts a line apart from its
    "n.º" (a non-breaking space joins them)."""
    html = environment().get_template(template).render(legal_tables=tables, **context)
    return re.sub(r"(n\.º|n\.os|art\.|artigos?|alínea) ", "\\1\u00a0", html)

"""The standard reference data of the legal core, before any administrator's change.

The calendar options, the deadline table, the IAS by year and the fine multiples, the
vocabularies with the oversight body of each security force, and the referral bodies whose
letters need the president's approval; with the types and checks that describe them. This is
the leaf `workflows.tables` builds `DEFAULT_TABLES` from, and the rule modules (`calendar`,
`deadlines`, `sanctions`, `vocabularies`, `referral`) import, so their dependencies point one
way: module -> tables -> defaults. The modules still offer these names as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Literal

from workflows.text import N_

# -- calendar --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarOptions:
    """Which optional holidays count as non-working days."""

    carnival: bool = False
    lisbon: bool = False


def checked_closure_days(days: Iterable[date]) -> frozenset[date]:
    """`days` as a set of one-off closure days (a declared day off for public services, e.g. a
    "tolerância de ponto"), or TypeError for anything that is not a plain date (a datetime
    would never equal the day counted)."""
    chosen = frozenset(days)
    wrong = [d for d in chosen if not isinstance(d, date) or isinstance(d, datetime)]
    if wrong:
        raise TypeError(f"A closure day must be a date, not {wrong[0]!r}.")
    return chosen


# -- deadlines -------------------------------------------------------------------------------------


Unit = Literal["days", "years"]


Counting = Literal["working", "calendar"]


COUNTINGS: tuple[Counting, ...] = ("working", "calendar")


class UnknownDeadlineKind(KeyError):
    """A deadline kind that is not in the table."""

    def __init__(self, kind: str, known: Iterable[str] | None = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.message = (f"Unknown deadline kind {kind!r}; known kinds are: "
                        f"{', '.join(sorted(DEFAULT_RULES if known is None else known))}.")

    def __str__(self) -> str:
        # KeyError's own __str__ shows only the quoted key; users need the sentence.
        return self.message


@dataclass(frozen=True)
class DeadlineRule:
    """How one kind of deadline is counted: length, unit, counting rule, start event, source."""

    kind: str
    length: int
    unit: Unit
    counting: Counting
    starts_at: str
    source: str


def _r(kind: str, length: int, counting: Counting, starts_at: str, source: str,
       unit: Unit = "days") -> DeadlineRule:
    return DeadlineRule(kind, length, unit, counting, starts_at, source)


DEFAULT_RULES: Mapping[str, DeadlineRule] = MappingProxyType({r.kind: r for r in (
    _r("complainant_information", 10, "working", N_("request sent"), N_("practice")),
    _r("non_opening_comment", 10, "working", N_("notification"), N_("Lei 93/2017 art. 19(2)")),
    _r("entity_information", 10, "working", N_("request"), N_("Lei 93/2017 art. 20(1)")),
    _r("inspection", 20, "working", N_("request"), N_("Lei 93/2017 art. 20(1)")),
    _r("defence", 10, "working", N_("notification"), N_("Lei 93/2017 art. 20(3)")),
    _r("instruction", 90, "calendar", N_("opening"), N_("2017 bill; indicative only")),
    _r("instruction_extension", 60, "calendar", N_("end of the instruction term"),
       N_("2017 bill; indicative only")),
    _r("report", 15, "calendar", N_("instruction closed"), N_("2017 bill; indicative only")),
    _r("decision", 15, "calendar", N_("report submitted"), N_("2017 bill; indicative only")),
    _r("appeal", 20, "working", N_("notification of the decision"), N_("RGCO arts 59-60")),
    _r("referral_send_mp", 10, "calendar", N_("decision to refer"), N_("CPP art. 245")),
    _r("appeal_send_mp", 5, "working", N_("appeal lodged"), N_("RGCO art. 62(1)")),
    _r("payment", 10, "calendar", N_("decision final"), N_("RGCO art. 88(1)")),
    _r("publication", 5, "calendar", N_("decision final"), N_("Lei 93/2017 art. 24"), unit="years"),
    _r("referral_chaser", 30, "calendar", N_("referral sent without acknowledgement"),
       N_("practice (domain.md 3.3)")),
)})


# Upper bounds that keep a mistyped length from making day-by-day counting run for ages.
MAX_LENGTH: Mapping[Unit, int] = MappingProxyType({"days": 3660, "years": 50})


def checked_rule(current: DeadlineRule, *, length: int | None = None,
                 counting: Counting | None = None) -> DeadlineRule:
    """`current` with this length and/or counting, checked; nothing changes. Raises ValueError
    saying what to fix."""
    kind = current.kind
    # bool is an int subclass; True as a length is a caller bug, not "1 day".
    if length is not None and (isinstance(length, bool) or not isinstance(length, int)
                               or length <= 0):
        raise ValueError(f"The length of {kind!r} must be a whole number greater than 0.")
    if length is not None and length > MAX_LENGTH[current.unit]:
        raise ValueError(f"The length of {kind!r} must be at most "
                         f"{MAX_LENGTH[current.unit]} {current.unit}.")
    if counting is not None and counting not in COUNTINGS:
        raise ValueError(f"The counting of {kind!r} must be 'working' or 'calendar'.")
    if counting == "working" and current.unit == "years":
        # A term in years runs to the same date N years on; working days mean nothing there.
        raise ValueError(f"{kind!r} is counted in years, which are always calendar time.")
    return replace(current, length=length or current.length,
                   counting=counting or current.counting)


# -- sanctions -------------------------------------------------------------------------------------


DEFAULT_IAS: Mapping[int, Decimal] = MappingProxyType({
    2017: Decimal("421.32"),
    2018: Decimal("428.90"),
    2019: Decimal("435.76"),
    2020: Decimal("438.81"),
    2021: Decimal("438.81"),
    2022: Decimal("443.20"),
    2023: Decimal("480.43"),
    2024: Decimal("509.26"),
    2025: Decimal("522.50"),
    2026: Decimal("537.13"),
})


PERSONS = ("natural", "legal")


# (minimum, maximum) multiples of the IAS; public and private legal persons share a range.
MULTIPLES: Mapping[str, tuple[int, int]] = MappingProxyType({"natural": (1, 10),
                                                             "legal": (4, 20)})


# RGCO art. 27: below this maximum fine the procedure prescribes in 1 year instead of 3.
PRESCRIPTION_THRESHOLD = Decimal("2493.99")

# RGCO art. 29(1): a fine above this amount (the art. 17(1) maximum) prescribes in 3 years,
# one at or below it in 1 year.
FINE_PRESCRIPTION_THRESHOLD = Decimal("3740.98")

# RGCO art. 88(5): the last instalment of a fine paid in instalments falls at most this many
# months after the decision became final (configurable: the legal tables' `instalment_months`).
INSTALMENT_MONTHS = 12
MAX_INSTALMENT_MONTHS = 120  # a mistyped setting must not allow a plan of a century


def checked_months(name: str, value: int) -> int:
    """`value` as a number of months for `name`, or ValueError unless a whole number from 1 to
    MAX_INSTALMENT_MONTHS."""
    if isinstance(value, bool) or not isinstance(value, int) \
            or not 0 < value <= MAX_INSTALMENT_MONTHS:
        raise ValueError(f"The {name} must be a whole number of months from 1 to "
                         f"{MAX_INSTALMENT_MONTHS}.")
    return value


class UnknownIASYear(LookupError):
    """The IAS of a year is not in the table."""

    def __init__(self, year: int) -> None:
        super().__init__(N_(
            "The IAS for %(year)s is not known: an administrator must fill in the IAS table "
            "for %(year)s before fines or prescription can be computed for facts of that year.",
            year=year))
        self.year = year


def checked_ias(year: int, value: Decimal | str | int) -> Decimal:
    """`value` as the IAS of `year`, or ValueError unless it is an amount greater than 0."""
    amount = Decimal(value)
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"The IAS for {year} must be an amount greater than 0.")
    return amount


def checked_threshold(name: str, value: Decimal | str | int) -> Decimal:
    """`value` as the amount of the threshold `name`, or ValueError unless greater than 0."""
    amount = Decimal(value)
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"The {name} must be an amount greater than 0.")
    return amount


# -- vocabularies ----------------------------------------------------------------------------------


_VOCABULARIES: dict[str, dict[str, str]] = {
    "ground": {
        "racial_ethnic_origin": "Origem racial e étnica",
        "colour": "Cor",
        "nationality": "Nacionalidade",
        "ancestry": "Ascendência",
        "territory_of_origin": "Território de origem",
        "language": "Língua",
    },
    "origin": {
        "queixa": "Queixa (vítima)",
        "denuncia": "Denúncia (terceiro)",
        "participacao": "Participação (entidade pública)",
    },
    "channel": {
        "online": "Formulário online",
        "email": "Correio eletrónico",
        "post": "Correio postal",
        "in_person": "Presencial",
        "phone": "Telefone",
        "forwarded_by_entity": "Remetida por entidade",
    },
    "context": {
        "internet_social_media": "Internet e redes sociais",
        "traditional_media": "Comunicação social tradicional",
        "commerce": "Comércio",
        "neighbourhood": "Vizinhança",
        "social_private_life": "Vida social e privada",
        "labour": "Trabalho",
        "education": "Educação",
        "health": "Saúde",
        "housing": "Habitação",
        "security_forces": "Forças de segurança",
        "public_services": "Serviços públicos",
        "private_services": "Serviços privados",
        "transport": "Transportes",
        "local_authorities": "Autarquias",
        "sport": "Desporto",
        "other": "Outro",
    },
    "practice": {
        "a": "a) Recusa de fornecimento de bens ou serviços",
        "b": "b) Impedimento ou limitação de atividade económica",
        "c": "c) Recusa ou condicionamento de venda ou arrendamento de imóveis",
        "d": "d) Recusa de acesso a locais abertos ao público",
        "e": "e) Recusa ou limitação de acesso a cuidados de saúde",
        "f": "f) Recusa ou limitação de acesso a estabelecimento de educação",
        "g": "g) Constituição de turmas ou classes discriminatórias",
        "h": "h) Recusa ou limitação de acesso à fruição cultural",
        "i": "i) Prática de órgão, serviço ou agente do Estado que limite um direito",
        "j": "j) Declarações públicas que ameacem, insultem ou aviltem",
    },
    "respondent_kind": {
        "natural_person": "Pessoa singular",
        "private_legal_person": "Pessoa coletiva privada",
        "public_entity": "Entidade pública",
        "security_force": "Força de segurança",
        "security_officer": "Agente de força de segurança identificado",
    },
    "security_force": {
        "psp": "PSP",
        "gnr": "GNR",
        "pj": "Polícia Judiciária",
        "municipal_police": "Polícia Municipal",
        "maritime_police": "Polícia Marítima",
        "aima": "AIMA",
        "prison_guard": "Guarda prisional",
        "other": "Outra",
    },
    "district": {
        "aveiro": "Aveiro", "beja": "Beja", "braga": "Braga", "braganca": "Bragança",
        "castelo_branco": "Castelo Branco", "coimbra": "Coimbra", "evora": "Évora",
        "faro": "Faro", "guarda": "Guarda", "leiria": "Leiria", "lisboa": "Lisboa",
        "portalegre": "Portalegre", "porto": "Porto", "santarem": "Santarém",
        "setubal": "Setúbal", "viana_do_castelo": "Viana do Castelo", "vila_real": "Vila Real",
        "viseu": "Viseu", "acores": "Açores", "madeira": "Madeira", "abroad": "Estrangeiro",
        "online": "Online", "unknown": "Desconhecido",
    },
    "sex": {"female": "Feminino", "male": "Masculino", "other": "Outro", "unknown": "Desconhecido"},
    "victim_kind": {"individual": "Individual", "group": "Grupo", "community": "Comunidade"},
    # How the ground showed itself, as CICDR's annual reports count it (free text per ground
    # only complements it).
    "expression": {
        "roma": "Comunidades ciganas",
        "black_african_descent": "Pessoas negras / afrodescendentes",
        "brazilian_nationality": "Nacionalidade brasileira",
        "other_nationalities": "Outras nacionalidades",
        "south_asian": "Sul da Ásia",
        "east_asian": "Ásia Oriental",
        "arab_north_african": "Árabes / Norte de África",
        "migrants_general": "Migrantes em geral",
        "language_accent": "Língua ou sotaque",
        "other": "Outra",
    },
    "archive_reason": {
        "duplicate": "Duplicada",
        "withdrawn": "Desistência",
        "manifestly_unfounded": "Manifestamente infundada",
        "outside_grounds": "Fora dos fatores de discriminação",
        "no_information": "Falta de informação",
    },
    "body": {
        "mp": "Ministério Público", "igai": "IGAI", "act": "ACT", "erc": "ERC",
        "igsj": "IGSJ", "other": "Outra entidade",
    },
}


# The defaults, read-only all the way down (a label is changed by deriving new legal tables).
VOCABULARIES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {name: MappingProxyType(labels) for name, labels in _VOCABULARIES.items()})


# Which body receives the disciplinary side of a complaint against each force (reference data).
OVERSIGHT_BODY: Mapping[str, str] = MappingProxyType({
    "psp": "igai", "gnr": "igai", "pj": "igsj", "municipal_police": "igai",
    "maritime_police": "other", "aima": "igai", "prison_guard": "igsj", "other": "other",
})


# The codes domain.md names (before any administrator's change): they can be relabelled,
# reordered and deactivated, never deleted, because data, reports and the API speak them.
CANONICAL: Mapping[str, frozenset[str]] = MappingProxyType(
    {v: frozenset(c) for v, c in VOCABULARIES.items()})


@dataclass(frozen=True)
class Term:
    """One row of the reference table, as `LegalTables.with_terms` takes it."""

    vocabulary: str
    code: str
    label: str
    position: int = 0
    active: bool = True
    oversight_body: str | None = None


# -- referral --------------------------------------------------------------------------------------


BODIES = ("mp", "igai", "act", "erc", "igsj", "other")


DEFAULT_APPROVAL_BODIES = frozenset({"mp", "igai"})


# The public contacts of the bodies CICDR sends complaints to, as the complainant's follow-up
# page shows them: each body's official name and official website, where its current addresses
# and telephone numbers are published (none is copied here, so none can go stale or be wrong).
# "other" has no entry: the page then names no body.
BODY_CONTACTS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "act": ("Autoridade para as Condições do Trabalho (ACT)", "https://www.act.gov.pt/"),
    "erc": ("Entidade Reguladora para a Comunicação Social (ERC)", "https://www.erc.pt/"),
    "igai": ("Inspeção-Geral da Administração Interna (IGAI)", "https://www.igai.pt/"),
    "igsj": ("Inspeção-Geral dos Serviços de Justiça (IGSJ)", "https://igsj.justica.gov.pt/"),
    "mp": ("Ministério Público", "https://www.ministeriopublico.pt/"),
})


def approval_bodies(bodies: Iterable[str] | None = None) -> frozenset[str]:
    """The bodies whose referrals need the president's approval (None: the default), checked.

    The MP always needs it (Code of Criminal Procedure: the president approves the report);
    an unknown body raises ValueError.
    """
    chosen = set(DEFAULT_APPROVAL_BODIES if bodies is None else bodies) | {"mp"}
    unknown = chosen - set(BODIES)
    if unknown:
        raise ValueError(f"Unknown referral bodies: {', '.join(sorted(unknown))}.")
    return frozenset(chosen)

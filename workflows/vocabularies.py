"""The vocabularies of domain.md section 6: canonical codes with their Portuguese labels.

The migration loads them into the `vocabulary_terms` table (where an administrator may extend
them). These are the read-only defaults; the vocabularies in force are part of the legal tables
(`workflows.tables.LegalTables`), which every function here takes as an optional `tables`
argument (the default tables when it is None).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from workflows.tables import LegalTables

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


def _in_force(tables: LegalTables | None) -> LegalTables:
    from workflows.tables import DEFAULT_TABLES  # tables.py imports this module's defaults

    return DEFAULT_TABLES if tables is None else tables


def codes(vocabulary: str, *, tables: LegalTables | None = None) -> tuple[str, ...]:
    """The codes of a vocabulary that new records may use (active ones), in order."""
    return _in_force(tables).codes(vocabulary)


def is_active(vocabulary: str, code: str, *, tables: LegalTables | None = None) -> bool:
    """Whether `code` may be used for new records."""
    return _in_force(tables).is_active(vocabulary, code)


def label(vocabulary: str, code: str | None, default: str | None = None, *,
          tables: LegalTables | None = None) -> str:
    """The label of `code` (also of an inactive one: old records use it); `default`, else the
    code itself, when the vocabulary does not know it."""
    return _in_force(tables).label(vocabulary, code, default)


def oversight_body(force: str | None, *, tables: LegalTables | None = None) -> str:
    """The body that receives the disciplinary side of a complaint against `force`."""
    return _in_force(tables).oversight_body_for(force)

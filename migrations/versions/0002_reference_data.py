"""Reference data: the vocabularies of domain.md section 6, the IAS table, the audit chain head.

Revision ID: 0002
Revises: 0001
"""

from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# A snapshot, not an import: a migration must load the same rows forever, whatever the code
# says later. New codes arrive in new migrations or through the administrator.
IAS = {2017: "421.32", 2018: "428.90", 2019: "435.76", 2020: "438.81", 2021: "438.81",
       2022: "443.20", 2023: "480.43", 2024: "509.26", 2025: "522.50", 2026: "537.13"}


def _vocabularies() -> dict[str, dict[str, str]]:
    return {
        "ground": {"racial_ethnic_origin": "Origem racial e étnica", "colour": "Cor",
                   "nationality": "Nacionalidade", "ancestry": "Ascendência",
                   "territory_of_origin": "Território de origem", "language": "Língua"},
        "origin": {"queixa": "Queixa (vítima)", "denuncia": "Denúncia (terceiro)",
                   "participacao": "Participação (entidade pública)"},
        "channel": {"online": "Formulário online", "email": "Correio eletrónico",
                    "post": "Correio postal", "in_person": "Presencial", "phone": "Telefone",
                    "forwarded_by_entity": "Remetida por entidade"},
        "context": {"internet_social_media": "Internet e redes sociais",
                    "traditional_media": "Comunicação social tradicional",
                    "commerce": "Comércio", "neighbourhood": "Vizinhança",
                    "social_private_life": "Vida social e privada", "labour": "Trabalho",
                    "education": "Educação", "health": "Saúde", "housing": "Habitação",
                    "security_forces": "Forças de segurança",
                    "public_services": "Serviços públicos",
                    "private_services": "Serviços privados", "transport": "Transportes",
                    "local_authorities": "Autarquias", "sport": "Desporto", "other": "Outro"},
        "practice": {c: f"Art. 4.º, n.º 2, alínea {c})" for c in "abcdefghij"},
        "respondent_kind": {"natural_person": "Pessoa singular",
                            "private_legal_person": "Pessoa coletiva privada",
                            "public_entity": "Entidade pública",
                            "security_force": "Força de segurança"},
        "security_force": {"psp": "PSP", "gnr": "GNR", "pj": "Polícia Judiciária",
                           "municipal_police": "Polícia Municipal",
                           "maritime_police": "Polícia Marítima", "aima": "AIMA",
                           "prison_guard": "Guarda prisional", "other": "Outra"},
        "district": {"aveiro": "Aveiro", "beja": "Beja", "braga": "Braga",
                     "braganca": "Bragança", "castelo_branco": "Castelo Branco",
                     "coimbra": "Coimbra", "evora": "Évora", "faro": "Faro",
                     "guarda": "Guarda", "leiria": "Leiria", "lisboa": "Lisboa",
                     "portalegre": "Portalegre", "porto": "Porto", "santarem": "Santarém",
                     "setubal": "Setúbal", "viana_do_castelo": "Viana do Castelo",
                     "vila_real": "Vila Real", "viseu": "Viseu", "acores": "Açores",
                     "madeira": "Madeira", "abroad": "Estrangeiro", "online": "Online",
                     "unknown": "Desconhecido"},
        "sex": {"female": "Feminino", "male": "Masculino", "other": "Outro",
                "unknown": "Desconhecido"},
        "victim_kind": {"individual": "Individual", "group": "Grupo",
                        "community": "Comunidade"},
        "archive_reason": {"duplicate": "Duplicada", "withdrawn": "Desistência",
                           "manifestly_unfounded": "Manifestamente infundada",
                           "outside_grounds": "Fora dos fatores de discriminação",
                           "no_information": "Falta de informação"},
        "body": {"mp": "Ministério Público", "igai": "IGAI", "act": "ACT", "erc": "ERC",
                 "igsj": "IGSJ", "other": "Outra entidade"},
    }


OVERSIGHT = {"psp": "igai", "gnr": "igai", "pj": "igsj", "municipal_police": "igai",
             "maritime_police": "other", "aima": "igai", "prison_guard": "igsj",
             "other": "other"}


def upgrade() -> None:
    terms = sa.table("vocabulary_terms", sa.column("vocabulary"), sa.column("code"),
                     sa.column("label"), sa.column("position"), sa.column("active"),
                     sa.column("oversight_body"))
    rows = []
    for vocabulary, codes in _vocabularies().items():
        for position, (code, label) in enumerate(codes.items()):
            rows.append({"vocabulary": vocabulary, "code": code, "label": label,
                         "position": position, "active": True,
                         "oversight_body": OVERSIGHT.get(code)
                         if vocabulary == "security_force" else None})
    op.bulk_insert(terms, rows)
    ias = sa.table("ias_values", sa.column("year", sa.Integer),
                   sa.column("amount", sa.Numeric(10, 2)))
    op.bulk_insert(ias, [{"year": y, "amount": Decimal(a)} for y, a in IAS.items()])
    head = sa.table("audit_head", sa.column("id"), sa.column("seq"), sa.column("hash"))
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": "0" * 64}])


def downgrade() -> None:
    op.execute("DELETE FROM audit_head")
    op.execute("DELETE FROM ias_values")
    op.execute("DELETE FROM vocabulary_terms")

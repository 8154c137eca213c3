"""Demo data: one account per role and a few hundred realistic complaints, driven through the
real services (`submit_complaint`, `fire`, `draft_referral`), never by writing states directly.

Every complaint follows a *path* (stays received, archived with each reason, referred to the
prosecutor, forwarded, a proceeding taken to each of its states...) chosen so that every state of
the three workflows is reached. A path is a generator that yields the simulated day of its next
step; a small scheduler runs all of them in date order, so references, proceeding numbers and the
audit log follow the simulated calendar. Steps whose day would fall after today are not taken
(the case simply has not got there yet). The same seed on the same day gives the same data.
"""

from __future__ import annotations

import heapq
import itertools
import random
import struct
import unicodedata
import zlib
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import click
from sqlalchemy import func, select

from cicdr.models import Complaint, Proceeding, Referral, User
from cicdr.services.admin.accounts import create_user
from cicdr.services.casework.referrals import draft_referral
from cicdr.services.core.actors import ComplainantActor, SystemActor
from cicdr.services.core.errors import Conflict, InvalidData, TransitionDenied
from cicdr.services.core.storage import BlobStore
from cicdr.services.core.types import DbSession
from cicdr.services.engine.transition import fire
from cicdr.services.intake.registration import (
    NewComplaint,
    PartyData,
    UploadedFile,
    submit_complaint,
)
from cicdr.services.notify import events
from workflows import sanctions
from workflows.calendar import is_working_day
from workflows.referral import needs_approval
from workflows.vocabularies import OVERSIGHT_BODY, VOCABULARIES

DEMO_PASSWORD = "demo-cicdr-2026"  # noqa: S105 - documented demo password, demo data only

DEMO_USERS: list[tuple[str, str, str]] = [
    ("officer@demo.cicdr.pt", "Ana Tavares", "officer"),
    ("officer2@demo.cicdr.pt", "Bruno Costa", "officer"),
    ("president@demo.cicdr.pt", "Helena Marques", "president"),
    ("commissioner@demo.cicdr.pt", "Rui Fonseca", "commissioner"),
    ("commissioner2@demo.cicdr.pt", "Marta Lobo", "commissioner"),
    ("auditor@demo.cicdr.pt", "Carla Neves", "auditor"),
    ("admin@demo.cicdr.pt", "Tiago Reis", "admin"),
]

CENT = Decimal("0.01")
MONTHS_PT = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
             "setembro", "outubro", "novembro", "dezembro")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def _d_pt(d: date) -> str:
    return f"{d.day} de {MONTHS_PT[d.month - 1]} de {d.year}"


def _d_en(d: date) -> str:
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def _w(r: random.Random, table: Mapping[str, float]) -> str:
    """A key of `table` drawn with the values as weights."""
    return r.choices(list(table), weights=list(table.values()))[0]


# == People ======================================================================================


@dataclass(frozen=True)
class Group:
    """A community often targeted, with names and the grounds a complaint invokes."""

    key: str
    people_pt: str  # plural noun as an insulter would use it
    people_en: str
    origin_pt: str  # "de nacionalidade brasileira"
    grounds: tuple[tuple[str, str], ...]  # first is the main one; a second is added sometimes
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    slur: tuple[str, str]  # what the insulter calls a man / a woman of the group
    passport: str  # "passaporte brasileiro"
    black: bool = False


GROUPS: dict[str, Group] = {g.key: g for g in (
    Group("brazilian", "brasileiros", "Brazilians", "de nacionalidade brasileira",
          (("nationality", "brasileira"), ("language", "sotaque brasileiro")),
          ("Larissa", "Gabriela", "Juliana", "Daiane", "Fernanda", "Camila", "Thaís", "Jéssica",
           "Aline", "Priscila"),
          ("Thiago", "Matheus", "Wesley", "Rafael", "Lucas", "Gustavo", "Anderson", "Diego",
           "Leandro", "Vinícius"),
          ("Souza", "Lima", "Carvalho", "Almeida", "Ribeiro", "Barbosa", "Nascimento", "Araújo",
           "Oliveira", "Pereira da Silva", "Rocha", "Moura"),
          ("zuca", "zuca"), "brasileiro"),
    Group("roma", "ciganos", "Roma", "de etnia cigana",
          (("racial_ethnic_origin", "cigano"), ("racial_ethnic_origin", "etnia cigana")),
          ("Cátia", "Vanessa", "Sónia", "Tânia", "Célia", "Patrícia", "Sandra", "Jéssica",
           "Esmeralda", "Olívia"),
          ("Sandro", "Ricardo", "Joaquim", "Bruno", "Hélder", "Vítor", "Zé Manuel", "Armando",
           "Nelson", "Paulo"),
          ("Montoia", "Maia", "Garcia", "Soares", "Cabeças", "Vaz", "Prudêncio", "Mendes",
           "Fernandes", "Nunes"),
          ("cigano ladrão", "cigana ladra"), "português"),
    Group("cape_verdean", "pretos", "Black people", "de origem cabo-verdiana",
          (("colour", "negra"), ("territory_of_origin", "Cabo Verde")),
          ("Djamila", "Ivanilda", "Keila", "Adilsa", "Nádia", "Elisângela", "Carla", "Sheila"),
          ("Edson", "Nelson", "Arlindo", "Ailton", "Hélio", "Danilson", "Jailson", "Evandro"),
          ("Tavares", "Semedo", "Varela", "Fortes", "Monteiro", "Lopes", "Moreira", "Furtado",
           "Brito", "Gomes"),
          ("macaco", "macaca"), "cabo-verdiano", black=True),
    Group("angolan", "pretos", "Black people", "de nacionalidade angolana",
          (("colour", "pele negra"), ("nationality", "angolana")),
          ("Esperança", "Nzinga", "Feliciana", "Luzia", "Madalena", "Josefina", "Yola", "Teresa"),
          ("Domingos", "Kiala", "Manuel", "Adão", "Fernando", "Zola", "Mbuta", "Gaspar"),
          ("dos Santos", "Kiala", "Bento", "Mateus", "Neto", "Cassoma", "Lukamba", "Sebastião",
           "Miguel", "Chipenda"),
          ("macaco", "macaca"), "angolano", black=True),
    Group("guinean", "pretos", "Black people", "de origem guineense",
          (("colour", "negro"), ("nationality", "guineense")),
          ("Aissatu", "Fatumata", "Aua", "Mariama", "Binta", "Kadi", "Nhima"),
          ("Mamadu", "Braima", "Sadjo", "Umaro", "Aladje", "Bubacar", "Quintino"),
          ("Baldé", "Djaló", "Embaló", "Sanhá", "Cassamá", "Mané", "Só", "Camará"),
          ("macaco", "macaca"), "guineense", black=True),
    Group("afro_portuguese", "pretos", "Black people", "afrodescendente",
          (("colour", "negro"), ("ancestry", "afrodescendente")),
          ("Mariana", "Inês", "Beatriz", "Joana", "Sofia", "Rita", "Catarina", "Mafalda"),
          ("Tiago", "Miguel", "Gonçalo", "Rúben", "Diogo", "André", "João", "Nuno"),
          ("Silva", "Tavares", "Correia", "Lopes", "Mendes", "Pires", "Rodrigues", "Évora"),
          ("macaco", "macaca"), "português", black=True),
    Group("ukrainian", "ucranianos", "Ukrainians", "de nacionalidade ucraniana",
          (("nationality", "ucraniana"), ("language", "ucraniano")),
          ("Olena", "Oksana", "Iryna", "Nataliya", "Kateryna", "Svitlana", "Yuliya"),
          ("Taras", "Andriy", "Mykola", "Oleksandr", "Dmytro", "Serhiy", "Volodymyr"),
          ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchenko",
           "Boyko"),
          ("ucraniano imundo", "ucraniana imunda"), "ucraniano"),
    Group("nepali", "nepaleses", "Nepalis", "de nacionalidade nepalesa",
          (("nationality", "nepalesa"), ("racial_ethnic_origin", "sul-asiática")),
          ("Sita", "Sunita", "Gita", "Kamala", "Anita", "Sarita"),
          ("Ram", "Bishnu", "Prakash", "Santosh", "Dipak", "Bikram", "Suman"),
          ("Gurung", "Tamang", "Shrestha", "Thapa", "Rai", "Magar", "Khadka"),
          ("monhé", "monhé"), "nepalês"),
    Group("bangladeshi", "bangladeshianos", "Bangladeshis", "do Bangladesh",
          (("nationality", "bangladeshiana"), ("racial_ethnic_origin", "sul-asiática")),
          ("Fatema", "Nasrin", "Shirin", "Rokeya", "Taslima"),
          ("Mohammad", "Rahim", "Abdul", "Karim", "Jahid", "Shafiq", "Rashed"),
          ("Hossain", "Rahman", "Islam", "Ahmed", "Uddin", "Miah", "Chowdhury"),
          ("monhé", "monhé"), "do Bangladesh"),
    Group("indian", "indianos", "Indians", "de origem indiana",
          (("nationality", "indiana"), ("colour", "pele escura")),
          ("Priya", "Harpreet", "Gurpreet", "Anjali", "Pooja", "Simran"),
          ("Rajesh", "Anil", "Sandeep", "Manpreet", "Vikram", "Arjun", "Jaswinder"),
          ("Singh", "Kaur", "Sharma", "Patel", "Kumar", "Gill", "Verma"),
          ("monhé", "monhé"), "indiano"),
    Group("senegalese", "pretos", "Black people", "de nacionalidade senegalesa",
          (("colour", "negro"), ("nationality", "senegalesa")),
          ("Fatou", "Awa", "Aminata", "Coumba", "Ndeye"),
          ("Mamadou", "Cheikh", "Ousmane", "Ibrahima", "Moustapha"),
          ("Diop", "Ndiaye", "Sarr", "Fall", "Sow", "Diallo"),
          ("macaco", "macaca"), "senegalês", black=True),
    Group("syrian", "árabes", "Arabs", "de nacionalidade síria",
          (("nationality", "síria"), ("racial_ethnic_origin", "árabe")),
          ("Rania", "Lina", "Hala", "Nour", "Yasmin"),
          ("Ahmad", "Omar", "Khaled", "Samer", "Yousef"),
          ("Al-Hassan", "Haddad", "Khalil", "Nasser", "Darwish"),
          ("terrorista", "terrorista"), "sírio"),
)}

COMMUNITIES = {"brazilian": "Comunidade brasileira", "roma": "Comunidade cigana",
               "cape_verdean": "Comunidade cabo-verdiana", "angolan": "Comunidade angolana",
               "guinean": "Comunidade guineense", "afro_portuguese": "Pessoas afrodescendentes",
               "ukrainian": "Comunidade ucraniana", "nepali": "Comunidade nepalesa",
               "bangladeshi": "Comunidade bangladeshiana", "indian": "Comunidade indiana",
               "senegalese": "Comunidade senegalesa", "syrian": "Comunidade síria"}
GROUP_WEIGHTS = {"brazilian": 22, "roma": 16, "cape_verdean": 10, "angolan": 8, "guinean": 5,
                 "afro_portuguese": 10, "ukrainian": 5, "nepali": 6, "bangladeshi": 6,
                 "indian": 5, "senegalese": 2, "syrian": 2}
# Language the person used, by group (the rest is Portuguese).
GROUP_LANGUAGES = {"nepali": {"en": 0.45}, "bangladeshi": {"en": 0.4}, "indian": {"en": 0.45},
                   "ukrainian": {"uk": 0.45, "en": 0.2}, "senegalese": {"fr": 0.7},
                   "syrian": {"ar": 0.6, "en": 0.2}}
LANGUAGE_NAMES_PT = {"fr": "francês", "uk": "ucraniano", "ar": "árabe"}

PT_FEMALE = ("Maria", "Ana", "Joana", "Teresa", "Isabel", "Rosa", "Fernanda", "Luísa", "Paula",
             "Helena", "Cristina", "Sara")
PT_MALE = ("João", "José", "António", "Manuel", "Carlos", "Jorge", "Luís", "Paulo", "Rui",
           "Fernando", "Vasco", "Pedro")
PT_SURNAMES = ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues",
               "Martins", "Sousa", "Fernandes", "Gonçalves", "Marques", "Ribeiro", "Pinto",
               "Carvalho", "Teixeira", "Moreira", "Correia", "Mendes", "Nunes", "Vieira")
MAIL_DOMAINS = ("gmail.com", "hotmail.com", "sapo.pt", "outlook.pt", "gmail.com", "yahoo.com")


@dataclass(frozen=True)
class Person:
    name: str
    sex: str

    @property
    def female(self) -> bool:
        return self.sex == "female"

    def g(self, male: str, female: str) -> str:
        """The word agreeing with this person's gender."""
        return female if self.female else male


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _person(r: random.Random, group: Group | None = None, sex: str | None = None) -> Person:
    sex = sex or r.choice(("female", "male"))
    if group is None:
        first = r.choice(PT_FEMALE if sex == "female" else PT_MALE)
        last = " ".join(r.sample(PT_SURNAMES, r.choice((1, 2))))
    else:
        first = r.choice(group.female if sex == "female" else group.male)
        last = r.choice(group.surnames)
        if group.key in ("brazilian", "cape_verdean", "afro_portuguese") and r.random() < 0.4:
            last = f"{r.choice(PT_SURNAMES)} {last}"
    return Person(f"{first} {last}", sex)


def _email(r: random.Random, name: str) -> str:
    parts = _ascii(name).replace("-", "").split()
    local = f"{parts[0]}.{parts[-1]}" if r.random() < 0.6 else f"{parts[0]}{parts[-1][:3]}"
    if r.random() < 0.4:
        local += str(r.randint(1, 99))
    return f"{local}@{r.choice(MAIL_DOMAINS)}"


def _phone(r: random.Random) -> str:
    return f"+351 9{r.choice('1236')}{r.randint(0, 9)} {r.randint(100, 999)} {r.randint(100, 999)}"


# == Places =====================================================================================

CITIES: dict[str, tuple[str, ...]] = {
    "lisboa": ("Lisboa", "Amadora", "Sintra", "Loures", "Odivelas", "Cascais", "Oeiras",
               "Vila Franca de Xira"),
    "porto": ("Porto", "Vila Nova de Gaia", "Matosinhos", "Gondomar", "Maia", "Valongo"),
    "setubal": ("Setúbal", "Almada", "Seixal", "Barreiro", "Moita"),
    "faro": ("Faro", "Albufeira", "Portimão", "Loulé", "Olhão", "Lagos"),
    "braga": ("Braga", "Guimarães", "Barcelos"),
    "coimbra": ("Coimbra", "Figueira da Foz"),
    "aveiro": ("Aveiro", "Ílhavo"),
    "leiria": ("Leiria", "Marinha Grande"),
    "santarem": ("Santarém", "Cartaxo"),
    "beja": ("Beja", "Odemira", "Serpa"),
    "evora": ("Évora", "Estremoz"),
    "viseu": ("Viseu",),
    "castelo_branco": ("Castelo Branco", "Covilhã"),
    "braganca": ("Bragança",),
    "portalegre": ("Elvas",),
    "madeira": ("Funchal",),
    "acores": ("Ponta Delgada",),
}
DISTRICT_NAMES = VOCABULARIES["district"]
DISTRICT_WEIGHTS = {"lisboa": 40, "porto": 15, "setubal": 12, "faro": 8, "braga": 3, "coimbra": 3,
                    "aveiro": 2, "leiria": 2, "santarem": 2, "beja": 3, "evora": 1, "viseu": 1,
                    "castelo_branco": 1, "braganca": 0.5, "portalegre": 0.5, "madeira": 1,
                    "acores": 1}
STREETS = ("Rua da Liberdade", "Avenida da República", "Rua Direita", "Rua 25 de Abril",
           "Rua das Flores", "Travessa do Carmo", "Rua de Angola", "Praceta Bocage",
           "Avenida Dom João II", "Rua Cidade de Bissau")


def _city(r: random.Random, district: str | None = None) -> tuple[str, str]:
    district = district or _w(r, DISTRICT_WEIGHTS)
    return district, r.choice(CITIES[district])


def _address(r: random.Random, city: str) -> str:
    return (f"{r.choice(STREETS)}, n.º {r.randint(1, 240)}, {r.randint(1, 9)}.º "
            f"{r.choice('ABCDE')}, {r.randint(1000, 8900)}-{r.randint(100, 999)} {city}")


# == Stories ====================================================================================


@dataclass
class Story:
    """What happened, as a complaint tells it: text, parties, context."""

    context: str
    practice: str | None
    district: str
    place: str | None
    pt: str
    en: str | None = None
    respondents: list[PartyData] = field(default_factory=list)
    origin: str = "queixa"
    reporter: PartyData | None = None  # who complains when it is not the victim
    victims: list[PartyData] = field(default_factory=list)
    witnesses: list[PartyData] = field(default_factory=list)
    extra_grounds: list[tuple[str, str]] = field(default_factory=list)
    evidence: str | None = None  # "png" (screenshot) or "pdf" (letter) when a file fits
    online: bool = False


@dataclass(frozen=True)
class Ctx:
    """What a story template gets: randomness, the victim's group, the victim, the facts day."""

    r: random.Random
    group: Group
    victim: Person
    facts: date


def _who(c: Ctx, pt_m: str, pt_f: str) -> str:
    return c.victim.g(pt_m, pt_f)


def _np(name: str | None = None) -> PartyData:
    return PartyData(role="respondent", kind="natural_person", name=name)


def _lp(name: str, kind: str = "private_legal_person") -> PartyData:
    return PartyData(role="respondent", kind=kind, name=name)


def _witness(r: random.Random) -> PartyData:
    p = _person(r)
    return PartyData(role="witness", name=p.name, phone=_phone(r) if r.random() < 0.7 else None,
                     sex=p.sex)


def _housing(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    agency = r.choice(("Imobiliária Casa Certa, Lda.", "Lar Doce Lar Mediação Imobiliária",
                       "Habita+ Imóveis", "Predial Atlântico, Lda.", "Chave Dourada Imobiliária"))
    tip, tip_en = r.choice((("T1", "one-bedroom flat"), ("T2", "two-bedroom flat"),
                            ("T3", "three-bedroom flat"), ("quarto", "room")))
    portal = r.choice(("no Idealista", "no Imovirtual", "no OLX", "num grupo de Facebook"))
    if g.key == "roma":
        asked, asked_en = f"se eu era {_who(c, 'cigano', 'cigana')}", "whether I was Roma"
        quote, quote_en = r.choice((("o senhorio não arrenda a ciganos",
                                     "the landlord does not rent to Roma"),
                                    ("ciganos aqui não, que depois não pagam",
                                     "no Roma here, they never pay")))
    elif g.key == "brazilian":
        asked, asked_en = "de onde era o meu sotaque", "where my accent was from"
        quote, quote_en = r.choice((("o proprietário não quer brasileiros",
                                     "the owner does not want Brazilians"),
                                    ("já tivemos problemas com brasileiros, não arrendamos",
                                     "we have had problems with Brazilians, we do not rent")))
    else:
        asked, asked_en = "de onde eu era", "where I was from"
        quote, quote_en = r.choice((("o senhorio prefere inquilinos portugueses",
                                     "the landlord prefers Portuguese tenants"),
                                    (f"o dono não quer {g.people_pt} no prédio",
                                     f"the owner does not want {g.people_en} in the building")))
    pt = (f"No dia {_d_pt(c.facts)} contactei a {agency} por causa de um {tip} para arrendar em "
          f"{city}, anunciado {portal}. Ao telefone perguntaram-me {asked}. Quando respondi, a "
          f"funcionária disse-me que «{quote}» e desligou. Meia hora depois uma colega portuguesa "
          "ligou para o mesmo anúncio e foi convidada a visitar a casa nesse mesmo dia.")
    en = (f"On {_d_en(c.facts)} I contacted {agency} about a {tip_en} to rent in {city}. On the "
          f"phone they asked {asked_en}. When I answered, the agent told me that '{quote_en}' and "
          "hung up. Half an hour later a Portuguese colleague called about the same advert and "
          "was invited to visit that same day.")
    respondents = [_lp(agency)]
    if r.random() < 0.35:
        respondents.append(_np(_person(r).name if r.random() < 0.5 else None))
    return Story("housing", "c", district, city, pt, en, respondents,
                 evidence="png" if r.random() < 0.3 else None)


def _shop(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    shop = r.choice(("Minimercado Sol Nascente", "Loja Moda Atlântica", "Pastelaria Flor do Bairro",
                     "Supermercado Preço Certo", "Drogaria Central", "Loja do Telemóvel Express"))
    if g.key == "brazilian":
        insult, insult_en = r.choice((("vai para a tua terra, brasileira de m...",
                                       "go back to your country, bloody Brazilian"),
                                      ("os brasileiros vêm cá roubar o nosso trabalho",
                                       "Brazilians come here to steal our jobs"),
                                      ("não percebo esse português de novela",
                                       "I don't understand that soap-opera Portuguese")))
    elif g.black:
        insult, insult_en = (("aqui não servimos pretos", "we don't serve Black people here")
                             if r.random() < 0.5 else
                             ("volta para a tua terra", "go back where you came from"))
    else:
        insult, insult_en = (f"os {g.people_pt} cheiram mal, sai daqui",
                             f"{g.people_en} stink, get out")
    pt = (f"No dia {_d_pt(c.facts)}, na caixa do estabelecimento {shop} em {city}, a funcionária "
          f"recusou-se a atender-me e disse em voz alta «{insult}». Pedi para falar com o "
          "responsável, que se riu e disse que eu podia ir comprar a outro lado. Havia outros "
          "clientes na fila que ouviram tudo.")
    en = (f"On {_d_en(c.facts)}, at the till of {shop} in {city}, the cashier refused to serve me "
          f"and said out loud '{insult_en}'. I asked for the manager, who laughed and said I could "
          "shop somewhere else. Other customers in the queue heard everything.")
    respondents = [_lp(f"{shop}, Lda.")]
    if r.random() < 0.4:
        respondents.append(_np(None))
    witnesses = [_witness(r)] if r.random() < 0.4 else []
    return Story("commerce", "a", district, city, pt, en, respondents, witnesses=witnesses)


def _shop_guard(c: Ctx) -> Story:
    r = c.r
    district, city = _city(r)
    mall = r.choice(("Centro Comercial Tejo Park", "Centro Comercial Norte Shopping Plaza",
                     "Retail Park do Sul", "Galerias Avenida"))
    pt = (f"No dia {_d_pt(c.facts)} entrei numa loja de roupa do {mall}, em {city}. O vigilante "
          "seguiu-me por toda a loja e, à saída, obrigou-me a abrir a mochila à frente de todos. "
          "Outros clientes, brancos, saíram sem ser incomodados. Quando perguntei porquê, "
          "respondeu que «é o procedimento para pessoas como tu». "
          f"Senti-me {_who(c, 'humilhado', 'humilhada')}.")
    respondents = [_lp(f"Loja Estilo Urbano ({mall})"),
                   _lp(r.choice(("Vigilância Segura, S.A.", "Prosegur Ibérica de Vigilância",
                                 "Securitas Norte, Lda.")))]
    return Story("commerce", "d", district, city, pt, None, respondents)


AMADORA_STATIONS = ("Esquadra da PSP de Alfragide (Amadora)", "Esquadra da PSP da Damaia (Amadora)",
                    "Esquadra da PSP da Buraca (Amadora)", "Esquadra da PSP da Venteira (Amadora)")
OTHER_PSP = (("lisboa", "Esquadra da PSP do Bairro Alto (Lisboa)"),
             ("lisboa", "Esquadra da PSP de Odivelas"),
             ("porto", "Esquadra da PSP de Campanhã (Porto)"),
             ("setubal", "Esquadra da PSP do Seixal"),
             ("setubal", "Esquadra da PSP de Almada"))


def _police_psp(c: Ctx) -> Story:
    r, v = c.r, c.victim
    if r.random() < 0.55:
        district, unit = "lisboa", r.choice(AMADORA_STATIONS)
        spot = r.choice(("junto à estação de comboios da Amadora", "na Reboleira",
                         "à saída do metro da Amadora Este", "no bairro da Cova da Moura"))
    else:
        district, unit = r.choice(OTHER_PSP)
        spot = "perto de minha casa"
    slur = v.g(*c.group.slur)
    pt = (f"No dia {_d_pt(c.facts)}, por volta das 22h, fui {_who(c, 'abordado', 'abordada')} "
          f"{spot} por dois agentes da PSP que me pediram a identificação. Quando perguntei o "
          f"motivo, um deles chamou-me «{slur}» e disse «volta para a tua terra». Fui "
          f"{_who(c, 'levado', 'levada')} para a {unit}, onde continuaram os insultos e fiquei "
          "algemado durante horas sem me dizerem porquê. Saí sem qualquer acusação. Tenho "
          "relatório do hospital com as marcas nos pulsos.")
    if v.female:
        pt = pt.replace("fiquei algemado", "fiquei algemada")
    officer = None
    if r.random() < 0.45:
        officer = f"Agente n.º {r.randint(140000, 159999)}"
    respondent = PartyData(role="respondent", kind="security_force", security_force="psp",
                           unit=unit, officer_identification=officer)
    witnesses = [_witness(r)] if r.random() < 0.5 else []
    return Story("security_forces", "i", district, unit, pt, None, [respondent],
                 witnesses=witnesses, evidence="pdf" if r.random() < 0.4 else None)


GNR_POSTS = (("beja", "Posto Territorial da GNR de Odemira", "Odemira"),
             ("beja", "Posto Territorial da GNR de São Teotónio", "São Teotónio (Odemira)"),
             ("faro", "Posto Territorial da GNR de Albufeira", "Albufeira"),
             ("faro", "Destacamento Territorial da GNR de Loulé", "Loulé"),
             ("santarem", "Posto Territorial da GNR do Cartaxo", "Cartaxo"))


def _police_gnr(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, unit, town = r.choice(GNR_POSTS)
    pt = (f"No dia {_d_pt(c.facts)}, em {town}, uma patrulha da GNR mandou parar a carrinha em "
          f"que eu seguia com outros trabalhadores agrícolas {g.origin_pt}. Só a nós pediram os "
          "documentos; os colegas portugueses foram dispensados. Um dos militares disse que "
          f"«os {g.people_pt} são todos ilegais» e rasgou o comprovativo do meu pedido de "
          "autorização de residência.")
    en = (f"On {_d_en(c.facts)}, in {town}, a GNR patrol stopped the van in which I was travelling "
          "with other farm workers. They only asked us, the foreigners, for documents; our "
          f"Portuguese colleagues were let go. One of the officers said that '{g.people_en} are "
          "all illegal' and tore up the receipt of my residence-permit application.")
    officer = f"Guarda n.º {r.randint(2000000, 2199999)}" if r.random() < 0.3 else None
    respondent = PartyData(role="respondent", kind="security_force", security_force="gnr",
                           unit=unit, officer_identification=officer)
    return Story("security_forces", "i", district, town, pt, en, [respondent])


PAGES = ("Portugal aos Portugueses", "Bairro Seguro Já", "Verdade Sem Filtros",
         "Reformados Indignados", "Os Nossos Primeiro", "Notícias do Concelho sem Censura")
PLATFORMS = (("Facebook", "https://www.facebook.com/groups/{n}/posts/{m}"),
             ("Instagram", "https://www.instagram.com/p/{s}/"),
             ("TikTok", "https://www.tiktok.com/@{h}/video/{m}"),
             ("X", "https://x.com/{h}/status/{m}"),
             ("YouTube", "https://www.youtube.com/watch?v={s}"))
HANDLES = ("patriota_lusitano", "tuga_sem_medo", "zeca.verdades", "lusitania1143", "bairro_limpo",
           "o_vigilante_pt", "manel.diz.tudo")


def _url(r: random.Random) -> tuple[str, str, str]:
    platform, pattern = r.choice(PLATFORMS)
    handle = r.choice(HANDLES)
    slug = "".join(r.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
                   for _ in range(11))
    url = pattern.format(n=r.randint(10**14, 10**15), m=r.randint(10**17, 10**18), s=slug,
                         h=handle)
    return platform, handle, url


def _online_post(c: Ctx) -> Story:
    r, g = c.r, c.group
    platform, handle, url = _url(r)
    page = r.choice(PAGES)
    call = r.choice(("apela a que sejam expulsos do bairro", "diz que deviam ser esterilizados",
                     "incita os leitores a «fazer justiça pelas próprias mãos»",
                     "compara-os a uma praga que é preciso eliminar"))
    pt = (f"Em {_d_pt(c.facts)} foi publicado no {platform}, na página «{page}», um texto que "
          f"trata os {g.people_pt} como criminosos e {call}. A publicação tem centenas de "
          "partilhas e muitos comentários com ameaças. Junto a ligação e capturas de ecrã.")
    respondent = _np(f"Perfil «@{handle}» ({platform})" if r.random() < 0.7 else None)
    community = PartyData(role="victim", name=COMMUNITIES[g.key], victim_kind="community")
    return Story("internet_social_media", "j", "online", url, pt, None, [respondent],
                 origin="denuncia", victims=[community], evidence="png" if r.random() < 0.5
                 else None, online=True)


def _online_comments(c: Ctx) -> Story:
    r, g, v = c.r, c.group, c.victim
    platform, handle, url = _url(r)
    slur = v.g(*g.slur)
    pt = (f"Publiquei no {platform} um vídeo sobre o meu trabalho e, desde {_d_pt(c.facts)}, o "
          f"utilizador @{handle} escreve comentários a chamar-me «{slur}», a dizer que devia "
          "voltar para a minha terra e a incentivar outros a fazer o mesmo. Já bloqueei a conta "
          "mas ele criou outras. Tenho medo porque publicou a zona onde trabalho.")
    en = (f"I posted a video about my work on {platform} and since {_d_en(c.facts)} the user "
          f"@{handle} has been posting comments calling me names because of my origin, saying I "
          "should go back to my country and urging others to do the same. I blocked the account "
          "but he opened new ones. I am afraid because he published where I work.")
    return Story("internet_social_media", "j", "online", url, pt, en,
                 [_np(f"Utilizador «@{handle}» ({platform})")], evidence="png", online=True)


def _school(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    school = f"Escola Básica n.º {r.randint(1, 4)} de {city}"
    child = _person(r, g)
    son = "o meu filho" if child.sex == "male" else "a minha filha"
    if g.key == "roma":
        reason = "«os meninos ciganos faltam muito e estragam a turma»"
    elif g.key == "ukrainian":
        reason = "«não temos professores para alunos que não falam português»"
    else:
        reason = "que «já têm demasiados estrangeiros»"
    pt = (f"Em {_d_pt(c.facts)} tentei matricular {son} {child.name.split()[0]} no "
          f"{r.choice(('1.º', '5.º', '7.º'))} ano na {school}. A secretaria disse que não havia "
          "vagas, mas na mesma semana matricularam duas crianças portuguesas que chegaram depois. "
          f"Uma funcionária acabou por me dizer que a diretora não quer mais alunos {g.origin_pt} "
          f"e explicou {reason}.")
    victim = PartyData(role="victim", name=child.name, sex=child.sex, victim_kind="individual")
    return Story("education", "f", district, city, pt, None,
                 [_lp(f"Agrupamento de Escolas de {city}", "public_entity")], victims=[victim])


def _school_class(c: Ctx) -> Story:
    r = c.r
    district, city = _city(r, r.choice(("lisboa", "setubal", "porto", "faro", "beja", "braga")))
    pt = (f"Na Escola Básica de {city}, desde o início do ano letivo (em {_d_pt(c.facts)} "
          "soubemos), as crianças ciganas foram todas postas numa turma à parte, com horário só "
          "de tarde e sem as atividades de enriquecimento curricular das outras turmas. Os pais "
          "pediram explicações e a escola respondeu que «é melhor para todos».")
    community = PartyData(role="victim", name="Crianças ciganas da escola", victim_kind="group")
    return Story("education", "g", district, city, pt, None,
                 [_lp(f"Agrupamento de Escolas de {city}", "public_entity")],
                 origin="denuncia", victims=[community])


def _health(c: Ctx) -> Story:
    r = c.r
    district, city = _city(r, r.choice(("lisboa", "lisboa", "beja", "faro", "setubal", "porto")))
    unit = f"Centro de Saúde de {city}"
    pt = (f"No dia {_d_pt(c.facts)} fui ao {unit} com febre alta e dores fortes. A rececionista "
          "recusou inscrever-me porque eu ainda não tenho autorização de residência, apesar de "
          "eu mostrar o comprovativo de pedido na AIMA, e disse «vão todos para a vossa terra "
          "tratar-se». Acabei por ir às urgências do hospital no dia seguinte.")
    en = (f"On {_d_en(c.facts)} I went to the {unit} with a high fever and strong pain. The "
          "receptionist refused to register me because I do not have a residence permit yet, "
          "although I showed the receipt of my application at AIMA, and said 'you should all go "
          "back to your country to be treated'. I had to go to the hospital emergency room the "
          "next day.")
    return Story("health", "e", district, unit, pt, en,
                 [_lp(f"Unidade Local de Saúde ({unit})", "public_entity")])


def _bus(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    line = r.randint(700, 799) if district == "lisboa" else r.randint(1, 99)
    reason = ("disse que «ciganos não entram no meu autocarro»" if g.key == "roma" else
              f"disse que «{g.people_pt} vão a pé»")
    pt = (f"No dia {_d_pt(c.facts)} estava na paragem da carreira {line} em {city} com "
          f"{'os meus filhos' if r.random() < 0.5 else 'a minha mãe'}. O motorista abriu a porta, "
          f"olhou para nós, {reason} e fechou a porta. Os outros passageiros na paragem entraram "
          "pela porta de trás.")
    en = (f"On {_d_en(c.facts)} I was at the stop of bus line {line} in {city} with my family. "
          "The driver opened the door, looked at us, said we could not get on and closed the door "
          "again. The other people at the stop got on through the back door.")
    operator = r.choice(("Transportes Urbanos da Margem Sul, S.A.", "Rodoviária do Litoral, Lda.",
                         "Autocarros Metropolitanos do Norte, S.A."))
    return Story("transport", "a", district, f"Paragem da carreira {line}, {city}", pt, en,
                 [_lp(operator), _np(None)], witnesses=[_witness(r)] if r.random() < 0.3 else [])


def _neighbour(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    n = _person(r)
    slur = "ciganos" if g.key == "roma" else g.people_pt
    pt = (f"Desde {_d_pt(c.facts)} o meu vizinho do andar de cima, {n.name}, insulta a minha "
          f"família sempre que nos cruzamos: «{slur} nojentos», «voltem para a vossa terra». "
          "Escreveu insultos na porta da nossa casa e deixa lixo à entrada. Os meus filhos já "
          "têm medo de sair. Apresentei queixa na polícia mas nada mudou.")
    return Story("neighbourhood", None, district, city, pt, None, [_np(n.name)],
                 witnesses=[_witness(r)] if r.random() < 0.4 else [],
                 evidence="png" if r.random() < 0.3 else None)


def _graffiti(c: Ctx) -> Story:
    """A public entity's participação."""
    r, g = c.r, c.group
    district, city = _city(r)
    saint = r.choice(("São Sebastião", "Santa Maria", "Santo António", "Nossa Senhora da Piedade"))
    parish = f"Junta de Freguesia de {saint} ({city})"
    slur = "ciganos fora" if g.key == "roma" else f"{g.people_pt} fora"
    pt = (f"A {parish} vem participar que em {_d_pt(c.facts)} apareceram inscrições com as "
          f"palavras «{slur}» e símbolos nazis nas paredes do bairro onde vivem várias famílias "
          f"{g.origin_pt}. As inscrições foram fotografadas e removidas pelos serviços. "
          "Desconhece-se a autoria.")
    reporter = PartyData(role="complainant", kind="public_entity", name=parish,
                         email=f"geral@jf-{_ascii(city).replace(' ', '')}.pt")
    community = PartyData(role="victim", name=f"Famílias {g.origin_pt} do bairro",
                          victim_kind="community")
    return Story("neighbourhood", "j", district, city, pt, None, [_np(None)],
                 origin="participacao", reporter=reporter, victims=[community], evidence="png")


def _media(c: Ctx) -> Story:
    r, g = c.r, c.group
    outlet, owner = r.choice((("o jornal Diário da Manhã", "Diário da Manhã, S.A."),
                              ("o canal TV Norte", "TV Norte – Televisão Regional, S.A."),
                              ("a Rádio Cidade FM", "Rádio Cidade FM, Lda."),
                              ("o semanário O Observador do Sul", "Edições do Sul, Lda.")))
    author = _person(r)
    pt = (f"Em {_d_pt(c.facts)}, {outlet} divulgou um comentário de {author.name} em que afirma "
          f"que «os {g.people_pt} não se integram e vivem de subsídios» e que «deviam ser "
          "mandados de volta». Não houve qualquer contraditório. Considero que é um discurso que "
          "avilta toda uma comunidade.")
    return Story("traditional_media", "j", "online" if r.random() < 0.3 else "lisboa", outlet, pt,
                 None, [_np(author.name), _lp(owner)],
                 origin="denuncia")


def _labour(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    firm = r.choice(("Hotel Mar Azul, Lda.", "Restaurante O Galeão", "Limpezas Brilho Total, Lda.",
                     "Herdade do Vale Verde", "Construções Irmãos Neves, Lda."))
    pt = (f"Trabalho na empresa {firm}, em {city}, desde 2023. Em {_d_pt(c.facts)} o encarregado "
          f"disse-me à frente de todos que os {g.people_pt} «só servem para limpar» e desde então "
          "dão-me os piores turnos e pagam-me menos do que aos colegas portugueses com as mesmas "
          "funções.")
    return Story("labour", None, district, city, pt, None, [_lp(firm)])


def _public_service(c: Ctx) -> Story:
    r = c.r
    district, city = _city(r)
    office = r.choice((f"Loja do Cidadão de {city}", f"Serviço de Finanças de {city}",
                       f"Serviços da Segurança Social de {city}", f"Balcão da AIMA em {city}"))
    pt = (f"No dia {_d_pt(c.facts)} fui ao {office} tratar de um documento. Quando o funcionário "
          "percebeu que eu não falava bem português, recusou-se a atender-me, disse «aqui fala-se "
          "português, se não sabe não venha» e chamou o segurança para me levar até à porta, "
          "embora eu tivesse senha e estivesse acompanhada de uma amiga que podia traduzir.")
    en = (f"On {_d_en(c.facts)} I went to the {office} to deal with a document. When the clerk "
          "realised that I did not speak Portuguese well he refused to serve me, said 'here we "
          "speak Portuguese, if you don't, don't come' and called the security guard to walk me "
          "to the door, although I had a ticket and a friend with me who could translate.")
    return Story("public_services", "i", district, office, pt, en,
                 [_lp(office, "public_entity"), _np(None)],
                 extra_grounds=[("language", "não falar português")])


def _private_service(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    extra: list[tuple[str, str]] = []
    if r.random() < 0.5 or g.key == "afro_portuguese":
        venue = r.choice(("Discoteca Noite Azul", "Bar Lounge Cais 7", "Clube Eclipse"))
        pt = (f"Na noite de {_d_pt(c.facts)} fui com três amigos à {venue}, em {city}. O porteiro "
              "deixou entrar o grupo à nossa frente e disse-nos que era «só com convite». Um "
              "amigo branco que chegou depois entrou sem convite. Quando insistimos, disse que "
              "«a casa já tem pretos que cheguem esta noite».")
        en = (f"On the night of {_d_en(c.facts)} I went with three friends to {venue} in {city}. "
              "The doorman let the group ahead of us in and told us it was 'invitation only'. A "
              "white friend who arrived later got in without any invitation. When we insisted he "
              "said the club 'already has enough Black people tonight'.")
        practice = "d"
        resp = [_lp(f"{venue}, Lda."), _np(None)]
    else:
        venue = r.choice(("Banco Lusitano de Crédito", "Ginásio FitZone", "Seguros Horizonte"))
        pt = (f"Em {_d_pt(c.facts)} pedi para abrir conta/inscrição no {venue} em {city}. Com "
              "todos os documentos em ordem, disseram-me que «com passaporte "
              f"{g.passport} não é possível» e que a política da casa é não aceitar clientes "
              "daquele país.")
        en = (f"On {_d_en(c.facts)} I asked to become a client of {venue} in {city}. All my "
              "documents were in order, but they told me that 'with that passport it is not "
              "possible' and that their policy is not to accept clients from my country.")
        practice = "a"
        resp = [_lp(f"{venue}, S.A.")]
        extra = [("nationality", f"passaporte {g.passport}")]
    return Story("private_services", practice, district, city, pt, en, resp, extra_grounds=extra)


def _sport(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    club = r.choice(("Grupo Desportivo", "Sporting Clube", "Atlético Clube", "União Desportiva"))
    player = _person(r, g, "male")
    pt = (f"No jogo de juniores de {_d_pt(c.facts)}, em {city}, adeptos da equipa da casa "
          f"({club} de {city}) imitaram sons de macaco sempre que o jogador {player.name} tocava "
          "na bola e gritaram «volta para a selva». O árbitro registou os incidentes no relatório "
          "mas o jogo não foi interrompido.")
    reporter = None
    origin = "denuncia"
    if r.random() < 0.5:
        origin = "participacao"
        reporter = PartyData(role="complainant", kind="public_entity",
                             name=("Comando Metropolitano da PSP de Lisboa"
                                   if district == "lisboa" else
                                   f"Comando Distrital da PSP de {DISTRICT_NAMES[district]}"))
    victim = PartyData(role="victim", name=player.name, sex="male", victim_kind="individual")
    return Story("sport", "j", district, city, pt, None,
                 [_np(None), _lp(f"{club} de {city}")], origin=origin, reporter=reporter,
                 victims=[victim])


def _municipality(c: Ctx) -> Story:
    r = c.r
    district, city = _city(r, r.choice(("lisboa", "setubal", "faro", "beja", "evora", "santarem")))
    pt = (f"Em {_d_pt(c.facts)} a Câmara Municipal de {city} demoliu as barracas onde viviam "
          "seis famílias ciganas, sem aviso prévio e sem qualquer alternativa de alojamento, "
          "enquanto famílias não ciganas do mesmo acampamento foram realojadas em habitação "
          "social. A junta de freguesia recusa-se a passar atestados de residência às famílias.")
    victims = [PartyData(role="victim", name="Seis famílias ciganas do acampamento",
                         victim_kind="group")]
    return Story("local_authorities", "i", district, city, pt, None,
                 [_lp(f"Câmara Municipal de {city}", "public_entity")], victims=victims)


def _cafe(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    pt = (f"No dia {_d_pt(c.facts)} estava com amigos numa esplanada em {city} quando um homem "
          f"de uma mesa ao lado começou a dizer alto que os {g.people_pt} «estão a tomar conta "
          "disto» e que «é preciso limpar o país». Quando lhe pedimos que parasse, atirou-nos um "
          "copo e ameaçou esperar por nós à saída. O dono do café nada fez.")
    return Story("social_private_life", None, district, city, pt, None,
                 [_np(_person(r).name if r.random() < 0.3 else None)],
                 witnesses=[_witness(r)] if r.random() < 0.5 else [])


def _culture(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = _city(r)
    pt = (f"Em {_d_pt(c.facts)}, no festival de verão de {city}, os seguranças impediram a "
          f"entrada a um grupo de jovens {g.origin_pt} que tinham bilhete comprado, dizendo que "
          "«a organização não quer problemas». Jovens de outras origens entraram com os mesmos "
          "bilhetes.")
    return Story("other", "h", district, city, pt, None,
                 [_lp(f"Associação Festival de Verão de {city}")], origin="denuncia",
                 victims=[PartyData(role="victim", name="Grupo de jovens", victim_kind="group")])


Template = Callable[[Ctx], Story]
TEMPLATES: dict[str, list[tuple[Template, tuple[str, ...] | None]]] = {
    # context: [(template, groups it fits or None for any)]
    "internet_social_media": [(_online_post, None), (_online_comments, None)],
    "traditional_media": [(_media, None)],
    "commerce": [(_shop, None), (_shop_guard, ("cape_verdean", "angolan", "guinean",
                                               "afro_portuguese", "senegalese", "roma"))],
    "neighbourhood": [(_neighbour, None), (_graffiti, ("roma", "cape_verdean", "angolan",
                                                       "nepali", "bangladeshi", "brazilian"))],
    "social_private_life": [(_cafe, None)],
    "labour": [(_labour, None)],
    "education": [(_school, None), (_school_class, ("roma",))],
    "health": [(_health, ("nepali", "bangladeshi", "indian", "brazilian", "angolan", "guinean",
                          "senegalese", "syrian", "ukrainian"))],
    "housing": [(_housing, None)],
    "security_forces": [(_police_psp, ("cape_verdean", "angolan", "guinean", "afro_portuguese",
                                       "roma", "brazilian")),
                        (_police_gnr, ("nepali", "bangladeshi", "indian"))],
    "public_services": [(_public_service, ("nepali", "bangladeshi", "indian", "ukrainian",
                                           "syrian", "senegalese", "brazilian"))],
    "private_services": [(_private_service, ("cape_verdean", "angolan", "guinean",
                                             "afro_portuguese", "brazilian", "senegalese"))],
    "transport": [(_bus, ("roma", "cape_verdean", "angolan", "guinean", "afro_portuguese"))],
    "local_authorities": [(_municipality, ("roma",))],
    "sport": [(_sport, ("cape_verdean", "angolan", "guinean", "afro_portuguese", "brazilian"))],
    "other": [(_culture, None)],
}
# Annual-report proportions (domain.md 7), with security forces at about 15%.
CONTEXT_WEIGHTS = {"internet_social_media": 40, "traditional_media": 5, "commerce": 8,
                   "neighbourhood": 6, "social_private_life": 4, "labour": 2, "education": 4,
                   "health": 3, "housing": 5, "security_forces": 15, "public_services": 3,
                   "private_services": 3, "transport": 3, "local_authorities": 1, "sport": 2,
                   "other": 1}
CLOSERS_PT = ("Tenho testemunhas que podem confirmar.", "Guardei capturas de ecrã.",
              "Escrevi também no livro de reclamações.",
              "Peço que a CICDR atue para que isto não aconteça a outras pessoas.",
              "Não é a primeira vez que isto acontece.",
              "Estou disponível para prestar declarações.")
CLOSERS_EN = ("I have witnesses who can confirm this.", "I kept screenshots.",
              "I ask CICDR to act so that this does not happen to anyone else.",
              "I am available to give a statement.")
# (name, e-mail domain, groups it works with or None for any)
ASSOCIATIONS: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("SOS Racismo", "sosracismo.pt", None),
    ("Associação Solidariedade Imigrante", "solimigrante.pt", None),
    ("Associação Letras Nómadas", "letrasnomadas.pt", ("roma",)),
    ("Casa do Brasil de Lisboa", "casadobrasil.pt", ("brazilian",)),
    ("Djass – Associação de Afrodescendentes", "djass.pt",
     ("cape_verdean", "angolan", "guinean", "afro_portuguese", "senegalese")),
    ("INMUNE – Instituto da Mulher Negra", "inmune.pt",
     ("cape_verdean", "angolan", "guinean", "afro_portuguese")),
    ("Associação de Ucranianos em Portugal", "ucranianos.pt", ("ukrainian",)),
    ("Associação Nepalesa e do Sul da Ásia", "sulasia.pt", ("nepali", "bangladeshi", "indian")),
)


def _association(r: random.Random, group: Group) -> PartyData:
    """An association that files for a victim (with consent) or reports what it saw."""
    name, domain, _groups = r.choice([a for a in ASSOCIATIONS
                                      if a[2] is None or group.key in a[2]])
    return PartyData(role="complainant", kind="private_legal_person", name=name,
                     email=f"{r.choice(('geral', 'queixas', 'apoio'))}@{domain}")


# == Building a complaint =======================================================================

CHANNEL_WEIGHTS = {"online": 66, "email": 14, "post": 5, "in_person": 8, "phone": 5,
                   "forwarded_by_entity": 2}
PROCEEDING_HORIZON = 880  # days: facts of an open proceeding stay clear of prescription


def _facts_day(r: random.Random, received: date, *, earliest: date | None = None,
               max_age: int = 1000) -> date:
    """When it happened: mostly weeks before the complaint, sometimes up to ~3 years."""
    x = r.random()
    age = (r.randint(0, 45) if x < 0.55 else r.randint(46, 365) if x < 0.85
           else r.randint(366, 1000))
    facts = received - timedelta(days=min(age, max_age))
    if earliest is not None and facts < earliest:
        facts = earliest + timedelta(days=r.randint(0, max(0, (received - earliest).days // 3)))
    return min(facts, received)


def _png(r: random.Random) -> bytes:
    """A tiny valid 2x2 PNG of random colours (a stand-in for a screenshot)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + bytes(r.randrange(256) for _ in range(6)) for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _pdf(r: random.Random) -> bytes:
    """A minimal valid one-page PDF without text (a stand-in for a scanned letter)."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"]
    out = bytearray(b"%PDF-1.4\n%" + str(r.getrandbits(32)).encode() + b"\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _evidence_file(r: random.Random, kind: str) -> UploadedFile:
    if kind == "png":
        name = r.choice(("captura_de_ecra.png", "publicacao.png", "screenshot_1.png",
                         "foto_porta.png", "comentarios.png"))
        return UploadedFile(name, "image/png", _png(r))
    name = r.choice(("relatorio_urgencia.pdf", "carta.pdf", "resposta_imobiliaria.pdf",
                     "declaracao_testemunha.pdf"))
    return UploadedFile(name, "application/pdf", _pdf(r))


@dataclass
class Made:
    """A complaint ready to submit, with what the paths need to know about it."""

    new: NewComplaint
    story: Story
    group: Group
    victim: Person

    @property
    def police(self) -> bool:
        return any(p.kind == "security_force" for p in self.new.respondents)


def make_complaint(r: random.Random, received: date, *, contexts: tuple[str, ...] | None = None,
                   police: bool | None = None, contact: bool = False, identified: bool = False,
                   earliest: date | None = None, max_age: int = 1000) -> Made:
    """A realistic complaint received on `received`.

    contexts: allowed contexts (default: all but labour); police: force (True) or exclude
    (False) security forces; contact: the complainant must be reachable (not anonymous);
    identified: every natural-person respondent has a name (it will face a proceeding).
    """
    weights = {k: v for k, v in CONTEXT_WEIGHTS.items()
               if (k in contexts if contexts else k != "labour")
               and (police is None or (k == "security_forces") == police)}
    context = _w(r, weights)
    template, fits = r.choice(TEMPLATES[context])
    group = GROUPS[_w(r, {k: v for k, v in GROUP_WEIGHTS.items() if fits is None or k in fits})]
    victim = _person(r, group)
    facts = _facts_day(r, received, earliest=earliest, max_age=max_age)
    story = template(Ctx(r, group, victim, facts))

    language = "pt"
    for lang, p in GROUP_LANGUAGES.get(group.key, {}).items():
        if r.random() < p:
            language = lang
            break
    channel = _w(r, CHANNEL_WEIGHTS)
    if story.origin == "participacao":
        channel = r.choice(("email", "email", "forwarded_by_entity", "post"))
    elif channel == "forwarded_by_entity":
        channel = "email"
    english = language == "en" and story.en is not None
    account, closers = (story.en, CLOSERS_EN) if english and story.en else (story.pt, CLOSERS_PT)
    text = account + "".join(" " + x for x in r.sample(closers, r.randint(0, 2))
                             if not ("capturas" in x and "capturas" in account))

    origin = story.origin
    victims = list(story.victims)
    complainant: PartyData | None
    reachable_reporter = None
    if origin == "queixa" and r.random() < 0.12:
        origin = "denuncia"  # an association files on the victim's behalf, with consent
        reachable_reporter = _association(r, group)
        text = (f"On behalf of {victim.name}, with their consent, we forward their account: "
                f"'{text}'" if english else
                f"Em representação de {victim.name}, e com o seu consentimento, transcrevemos o "
                f"relato da vítima: «{text}»")
    if language != "pt" and not english:
        # Told in another language: registered by an officer, who summarises it.
        name = LANGUAGE_NAMES_PT.get(language, "inglês")
        text = f"[Queixa apresentada em {name}; resumo em português pelos serviços.] {text}"
        if channel == "online":
            channel = r.choice(("in_person", "email", "phone"))
    if origin == "queixa":
        complainant = PartyData(role="complainant", name=victim.name, sex=victim.sex,
                                email=_email(r, victim.name) if r.random() < 0.85 else None,
                                phone=_phone(r) if r.random() < 0.7 else None)
        if r.random() < 0.2 and not victims:
            victims.append(PartyData(role="victim", name=victim.name, sex=victim.sex,
                                     victim_kind="individual"))
    else:
        complainant = story.reporter or reachable_reporter
        if complainant is None:
            if r.random() < 0.35:
                complainant = _association(r, group)
            else:
                witness = _person(r)
                complainant = PartyData(role="complainant", name=witness.name, sex=witness.sex,
                                        email=_email(r, witness.name))
        if not victims:
            victims.append(PartyData(role="victim", name=victim.name, sex=victim.sex,
                                     victim_kind="individual"))
        if (not contact and channel == "online" and story.origin == "denuncia"
                and r.random() < 0.35):
            complainant = None  # anonymous
    if complainant is not None and complainant.kind == "natural_person":
        if channel in ("post", "in_person") or r.random() < 0.1:
            complainant.address = _address(
                r, _city(r, story.district if story.district in CITIES else None)[1])
        if not complainant.email and not complainant.phone:
            complainant.phone = _phone(r)

    grounds: list[tuple[str, str | None]] = [
        r.choice(group.grounds) if group.key == "roma" else group.grounds[0]]
    if group.key != "roma" and r.random() < 0.3:
        grounds.append(group.grounds[1])
    grounds += story.extra_grounds
    respondents = story.respondents
    if identified:
        respondents = [
            PartyData(**{**vars(p), "name": p.name or _person(r).name})
            if p.kind == "natural_person" else p for p in respondents]
    files = [_evidence_file(r, story.evidence)] if story.evidence and r.random() < 0.35 else []
    contact_channel = None
    if complainant is not None:
        contact_channel = "email" if complainant.email else "phone" if complainant.phone else "post"
    new = NewComplaint(
        origin=origin, facts_date=facts, district=story.district, context=story.context,
        description=text, grounds=grounds, respondents=respondents, channel=channel,
        language=language, place=story.place,
        practice=story.practice if r.random() < 0.8 else None, complainant=complainant,
        victims=victims, witnesses=list(story.witnesses),
        withhold_identity=complainant is not None and r.random() < 0.14,
        contact_channel=contact_channel, files=files)
    return Made(new, story, group, victim)


# == Scheduling =================================================================================

Steps = Generator[date, None, Any]


def _later(r: random.Random, day: date, lo: int, hi: int, *, working: bool = True) -> date:
    """A day `lo`..`hi` days after `day`, moved to a working day for staff actions."""
    d = day + timedelta(days=r.randint(lo, hi))
    if working:
        while not is_working_day(d):  # the default calendar: the demo's data is the default
            d += timedelta(days=1)
    return d


def _running_due(subject: Any, kind: str) -> date | None:
    found = [d for d in subject.deadlines if d.kind == kind and d.ended_on is None]
    return found[-1].due_on if found else None


def _fine(r: random.Random, year: int, person: str) -> Decimal:
    """A fine in whole or half IAS multiples, inside the legal bounds."""
    low, high = sanctions.fine_bounds(year, person)
    base = sanctions.ias(year)
    multiples = ("1", "1", "1.5", "2", "3") if person == "natural" else ("4", "4", "5", "6", "8")
    amounts = [(base * Decimal(m)).quantize(CENT, ROUND_HALF_UP) for m in multiples]
    return r.choice([a for a in amounts if low <= a <= high] or [low])


class Seeder:
    """Runs the paths in simulated-date order through the real services."""

    def __init__(self, session: DbSession, store: BlobStore, users: dict[str, User], today: date,
                 progress: Any) -> None:
        self.session, self.store, self.today, self.progress = session, store, today, progress

        def by_role(role: str) -> list[User]:
            return [users[email] for email, _name, r in DEMO_USERS if r == role]

        self.officers = by_role("officer")
        self.president = by_role("president")[0]
        self.commissioners = by_role("commissioner")
        self.heap: list[tuple[date, int, Steps]] = []
        self.order = itertools.count()
        self.created = 0
        self.last_online: tuple[str, Made] | None = None  # for a double submission
        self.not_reached = 0  # steps that would lie after today
        self.failures: list[str] = []

    # -- running ---------------------------------------------------------------------------------

    def run(self, paths: list[Steps]) -> None:
        for path in paths:
            self.spawn(path)
        while self.heap:
            _day, _n, path = heapq.heappop(self.heap)
            self.spawn(path)

    def spawn(self, path: Steps) -> None:
        """Run `path` up to its next step and queue it for that day."""
        try:
            day = next(path)
        except StopIteration:
            return
        except (TransitionDenied, InvalidData, Conflict) as exc:
            self.failures.append(f"{type(exc).__name__}: {exc}")
            return
        if day > self.today:
            self.not_reached += 1
            path.close()
            return
        heapq.heappush(self.heap, (day, next(self.order), path))

    # -- service calls ---------------------------------------------------------------------------

    def fire(self, subject: Any, trigger: str, actor: Any, day: date, **data: Any) -> None:
        fire(self.session, subject, trigger, actor, today=day, **data)

    def submit(self, r: random.Random, made: Made, day: date) -> Complaint:
        new = made.new
        actor = (ComplainantActor("pending") if new.channel == "online"
                 else r.choice(self.officers))
        complaint, _code = submit_complaint(self.session, new, actor, store=self.store, today=day)
        self.created += 1
        self.progress.update(1)
        if new.channel == "online" and new.complainant is not None and not made.police:
            self.last_online = (complaint.reference, made)
        return complaint

    def commissioner(self, r: random.Random) -> User:
        return r.choice(self.commissioners)

    # -- reusable stretches of a path ------------------------------------------------------------

    def intake(self, r: random.Random, made: Made, received: date, *, assign: bool = True,
               triage: bool = True, info: float = 0.2) -> Steps:
        """Submit, assign, start triage, sometimes ask the complainant something first."""
        yield received
        c = self.submit(r, made, received)
        officer = r.choice(self.officers)
        day = received
        if not assign:
            return c, day, officer
        day = _later(r, day, 0, 4)
        yield day
        self.fire(c, "assign", self.officers[0], day, assignee=officer.id)
        if not triage:
            return c, day, officer
        day = _later(r, day, 1, 10)
        yield day
        self.fire(c, "start_triage", officer, day)
        if made.new.complainant is not None and r.random() < info:
            day = _later(r, day, 1, 8)
            yield day
            self.ask(r, c, day, officer)
            day = _later(r, day, 2, 12, working=False)
            yield day
            online = made.new.channel == "online"
            self.fire(c, "information_received",
                      ComplainantActor(c.reference) if online else officer, day,
                      answer=r.choice(ANSWERS))
        return c, day, officer

    def ask(self, r: random.Random, c: Complaint, day: date, officer: User) -> None:
        """The officer asks the complainant for information (10 working days to answer)."""
        self.fire(c, "request_information", officer, day, question=r.choice(QUESTIONS))

    def ask_and_let_lapse(self, r: random.Random, c: Complaint, day: date, officer: User, *,
                          latest: int) -> Generator[date, None, date]:
        """Ask for information, then return a day after the unanswered request lapsed."""
        day = _later(r, day, 1, 10)
        yield day
        self.ask(r, c, day, officer)
        due = _running_due(c, "complainant_information")
        assert due is not None
        return _later(r, due, 1, latest)

    def propose_not_to_open(self, r: random.Random, c: Complaint, day: date,
                            code: str | None = None) -> str:
        """The president proposes not to open, with one of the standard grounds."""
        code = code or r.choice(NON_OPENING_CODES)
        self.fire(c, "propose_non_opening", self.president, day, reason_code=code,
                  reason=NON_OPENING_REASONS[code])
        return code

    def clear_police(self, r: random.Random, c: Complaint, day: date, officer: User, *,
                     waive: float = 0.12, stop: str | None = None) -> Steps:
        """A police complaint gets its disciplinary referral (or the president's waiver)."""
        if not c.is_police_related:
            return day
        if r.random() < waive:
            day = _later(r, day, 1, 10)
            yield day
            self.fire(c, "record_no_disciplinary_referral", self.president, day,
                      reason=r.choice(WAIVERS))
            return day
        day = _later(r, day, 1, 7)
        yield day
        force = next(p.security_force for p in c.respondents if p.kind == "security_force")
        unit = next(p.unit for p in c.respondents if p.kind == "security_force")
        referral = draft_referral(
            self.session, c, body=OVERSIGHT_BODY[force or "other"], purpose="disciplinary",
            actor=officer, summary=f"Comunicação dos factos imputados a elementos da {unit} "
                                   "para apreciação disciplinar.", today=day)
        stop = stop or _w(r, {"draft": 1, "sent": 2, "acknowledged": 2, "answered": 2,
                              "closed": 4})
        self.spawn(self.referral_track(random.Random(r.getrandbits(64)), referral, day,  # noqa: S311
                                       officer, stop))
        return day

    def chase(self, r: random.Random, referral: Referral, day: date, officer: User,
              ack_day: date) -> Steps:
        """Send reminders while no acknowledgement comes; return the acknowledgement day."""
        for _ in range(3):
            due = _running_due(referral, "referral_chaser")
            if due is None or ack_day <= due:
                break
            remind = _later(r, due, 1, 6)
            if remind >= ack_day:
                break
            day = remind
            yield day
            self.fire(referral, "remind", officer, day, note=r.choice(REMINDERS))
        day = max(day, ack_day)
        yield day
        return day

    def referral_track(self, r: random.Random, referral: Referral, day: date, officer: User,
                       stop: str) -> Steps:
        """Send, chase, acknowledge, answer and close a referral, stopping at `stop`."""
        if stop == "draft":
            return
        if needs_approval(referral.body):  # IGAI letters go out under the president's name
            day = _later(r, day, 1, 4)
            yield day
            self.fire(referral, "approve", self.president, day)
        day = _later(r, day, 1, 8)
        yield day
        self.fire(referral, "send", officer, day, sent_on=day,
                  channel=r.choice(("email", "email", "platform", "post")))
        ack_day = _later(r, day, 4, 35 if stop != "sent" else 45)
        if stop == "sent":
            ack_day = self.today + timedelta(days=365)  # never, as far as today knows
        day = yield from self.chase(r, referral, day, officer, ack_day)
        self.fire(referral, "acknowledge", officer, day,
                  external_reference=_external_reference(r, referral.body, day))
        if stop == "acknowledged":
            return
        day = _later(r, day, 20, 150)
        yield day
        outcome = r.choice(_outcomes(referral.body))
        self.fire(referral, "answer", officer, day, outcome=outcome, answered_on=day,
                  answer=_answer_text(r, referral.body, outcome))
        if stop == "answered":
            return
        day = _later(r, day, 1, 15)
        yield day
        self.fire(referral, "close", officer, day)

    def to_prosecutor(self, r: random.Random, c: Complaint, day: date, officer: User,
                      end: str) -> Steps:
        """Draft, approve and send the MP referral; then wait, conclude or come back."""
        day = _later(r, day, 2, 15)
        yield day
        referral = draft_referral(self.session, c, body="mp", purpose="prosecutor", actor=officer,
                                  summary=r.choice(MP_SUMMARIES), today=day)
        day = _later(r, day, 1, 6)
        yield day
        self.fire(c, "refer_to_prosecutor", self.president, day)
        day = _later(r, day, 1, 5)
        yield day
        self.fire(referral, "send", officer, day, sent_on=day,
                  channel=r.choice(("email", "platform")))
        ack_day = _later(r, day, 5, 80)
        if end == "stays" and r.random() < 0.3:
            ack_day = self.today + timedelta(days=365)
        day = yield from self.chase(r, referral, day, officer, ack_day)
        self.fire(referral, "acknowledge", officer, day,
                  external_reference=_external_reference(r, "mp", day))
        if end == "stays":
            if r.random() < 0.35:
                day = _later(r, day, 20, 120)
                yield day
                self.fire(referral, "answer", officer, day, outcome="inquiry_opened",
                          answered_on=day, answer=MP_ANSWERS["inquiry_opened"])
            return day
        day = _later(r, day, 40, 220)
        yield day
        outcome = "archived" if end == "returned" else r.choice(
            ("charged", "inquiry_opened", "archived", "charged"))
        self.fire(referral, "answer", officer, day, outcome=outcome, answered_on=day,
                  answer=MP_ANSWERS[outcome])
        day = _later(r, day, 0, 5)
        yield day
        if end == "returned":
            self.fire(c, "prosecutor_returned", officer, day, note=MP_ANSWERS["archived"])
        else:
            self.fire(c, "prosecutor_concluded", r.choice((officer, self.president)), day,
                      outcome=outcome, note=r.choice(("", "Acompanhar o processo-crime.")))
        day = _later(r, day, 0, 10)
        yield day
        self.fire(referral, "close", officer, day)
        return day

    def evidence(self, r: random.Random, p: Proceeding, made: Made, day: date, officer: User,
                 steps: int) -> Steps:
        """Instruction steps: information requests, inspections, hearings."""
        for _ in range(steps):
            day = _later(r, day, 7, 30)
            yield day
            kind = r.choices(("entity", "inspection", "hearing"), weights=(4, 2, 4))[0]
            if kind == "hearing":
                heard = r.choice(("Inquirição da queixosa", "Inquirição de testemunha",
                                  "Audição da vítima", "Junção de documentos pela queixosa"))
                self.fire(p, "record_evidence", officer, day, on=day,
                          summary=f"{heard}: confirma no essencial os factos participados.")
                continue
            if kind == "entity":
                entity = _entity_for(r, made)
                self.fire(p, "request_entity_information", officer, day, entity=entity,
                          request=r.choice(ENTITY_REQUESTS))
                day = _later(r, day, 5, 16)
            else:
                entity = INSPECTORATES.get(made.story.context, INSPECTORATES["default"])
                self.fire(p, "request_inspection", officer, day, entity=entity,
                          request=r.choice(INSPECTION_REQUESTS))
                day = _later(r, day, 12, 30)
            yield day
            self.fire(p, "record_evidence", officer, day, on=day,
                      summary=f"Resposta de {entity} recebida e junta aos autos.")
        return day

    def proceeding(self, r: random.Random, c: Complaint, made: Made, day: date, officer: User,
                   target: str, *, join: tuple[Complaint, ...] = (),
                   anchor: date | None = None) -> Steps:
        """Open a proceeding for `c` and take it to `target` (a state or a named ending).

        Targets: opened, instruction, suspended_at_prosecutor, prosecutor_took_over,
        awaiting_defence, report, awaiting_decision, decided, notified, appealed, final,
        published, closed_fine, closed_admonition, closed_dismissal, closed_annulled,
        prescribed; `mp_returned:<target>` goes to the prosecutor and back first.
        `anchor`: the target's last step happens no earlier than this day.
        """
        def pull(d: date) -> date:
            return max(d, anchor) if anchor else d

        via_mp = target.startswith("mp_returned:")
        target = target.split(":")[-1]
        day = pull(_later(r, day, 5, 35)) if target == "opened" else _later(r, day, 5, 35)
        yield day
        self.fire(c, "open_proceeding", self.president, day, instructor=officer.id)
        p = c.proceeding
        assert p is not None
        if target == "opened":
            return p, day
        day = _later(r, day, 2, 14)
        yield day
        self.fire(p, "start_instruction", officer, day)
        for other in join:
            day = _later(r, day, 2, 15)
            yield day
            self.fire(other, "open_proceeding", self.president, day, proceeding=p.reference)
        if target == "prescribed":
            yield self.today  # nothing happened since: the facts are now time-barred
            self.fire(p, "prescribe", SystemActor("tick"), self.today)
            return p, self.today
        steps = r.randint(0, 3) if target == "instruction" else r.randint(1, 2)
        day = yield from self.evidence(r, p, made, day, officer, steps)
        if target == "instruction":
            return p, day
        if via_mp or target in ("suspended_at_prosecutor", "prosecutor_took_over"):
            day = _later(r, day, 5, 30)
            yield day
            referral = draft_referral(self.session, p, body="mp", purpose="prosecutor",
                                      actor=officer, summary=r.choice(MP_SUMMARIES), today=day)
            day = pull(_later(r, day, 1, 6)) if target == "suspended_at_prosecutor" else \
                _later(r, day, 1, 6)
            yield day
            self.fire(p, "send_to_prosecutor", self.president, day,
                      reason="Indícios do crime do art. 240.º do Código Penal.")
            day = _later(r, day, 1, 5)
            yield day
            self.fire(referral, "send", officer, day, sent_on=day, channel="email")
            day = yield from self.chase(r, referral, day, officer, _later(r, day, 7, 50))
            self.fire(referral, "acknowledge", officer, day,
                      external_reference=_external_reference(r, "mp", day))
            if target == "suspended_at_prosecutor":
                return p, day
            day = _later(r, day, 30, 120)
            yield day
            outcome = "charged" if target == "prosecutor_took_over" else "archived"
            self.fire(referral, "answer", officer, day, outcome=outcome, answered_on=day,
                      answer=MP_ANSWERS[outcome])
            day = _later(r, day, 0, 5)
            yield day
            if target == "prosecutor_took_over":
                self.fire(p, "prosecutor_took_over", officer, day, note=MP_ANSWERS["charged"])
            else:
                self.fire(p, "prosecutor_returned", officer, day, note=MP_ANSWERS["archived"])
            day = _later(r, day, 0, 10)
            yield day
            self.fire(referral, "close", officer, day)
            if target == "prosecutor_took_over":
                return p, day

        decisions = self.plan_decisions(r, p, target)
        dismissal_only = all(d.outcome == "dismissal" for d in decisions.values())
        if not (dismissal_only and r.random() < 0.5):  # a dismissal may come without accusation
            day = _later(r, day, 10, 40)
            day = pull(day) if target == "awaiting_defence" else day
            yield day
            self.fire(p, "notify_accusation", officer, day, notified_on=day)
            if target == "awaiting_defence":
                return p, day
            due = p.defence_due
            assert due is not None
            if r.random() < 0.65:
                received_on = min(day + timedelta(days=r.randint(3, 12)), due)
                day = _later(r, received_on, 0, 3)
                yield day
                self.fire(p, "record_defence", officer, day, received_on=received_on,
                          summary=r.choice(DEFENCES))
                if r.random() < 0.2:
                    day = _later(r, day, 1, 7)
                    yield day
                    self.fire(p, "reopen_instruction", officer, day,
                              reason="A defesa requereu a inquirição de duas testemunhas.")
                    day = yield from self.evidence(r, p, made, day, officer, 1)
            else:
                day = _later(r, due, 1, 8)
                yield day
        day = pull(_later(r, day, 1, 10)) if target == "report" else _later(r, day, 1, 10)
        yield day
        self.fire(p, "close_instruction", officer, day)
        if target == "report":
            return p, day
        day = _later(r, day, 5, 20)
        day = pull(day) if target == "awaiting_decision" else day
        yield day
        self.fire(p, "submit_report", officer, day, proposal=_proposal(p, decisions))
        if target == "awaiting_decision":
            return p, day
        day = _later(r, day, 7, 30)
        day = pull(day) if target == "decided" else day
        yield day
        self.fire(p, "decide", self.commissioner(r), day, decided_on=day, decisions=decisions)
        if target == "decided":
            return p, day
        day = _later(r, day, 3, 14)
        day = pull(day) if target == "notified" else day
        yield day
        self.fire(p, "notify_decision", officer, day, notified_on=day)
        if target == "notified":
            return p, day
        due = p.appeal_due
        assert due is not None
        appeal = target in ("appealed", "closed_annulled") or (
            target in ("final", "published", "closed_fine") and r.random() < 0.2)
        if appeal:
            lodged = min(day + timedelta(days=r.randint(3, 20)), due)
            day = _later(r, lodged, 0, 5)
            day = pull(day) if target == "appealed" else day
            yield day
            self.fire(p, "record_appeal", officer, day, lodged_on=lodged)
            if target == "appealed":
                return p, day
            day = _later(r, day, 60, 200)
            yield day
            outcome = "annulled" if target == "closed_annulled" else r.choice(
                ("confirmed", "confirmed", "altered"))
            self.fire(p, "record_court_outcome", officer, day, outcome=outcome, ruled_on=day)
        else:
            day = due + timedelta(days=r.randint(1, 4))
            yield day
            self.fire(p, "become_final", SystemActor("tick"), day)
        if target == "final":
            return p, day
        if p.is_condemnatory:
            day = _later(r, day, 5, 30)
            yield day
            self.fire(p, "publish", r.choice((officer, self.president)), day, published_on=day)
            fined = [x for x in p.respondents if x.outcome == "fine"]
            for respondent in fined:
                amount = respondent.amount
                assert amount is not None
                parts = ([amount] if r.random() < 0.6 or target == "published"
                         else [(amount / 2).quantize(CENT), amount - (amount / 2).quantize(CENT)])
                if target == "published":
                    parts = [(amount / 2).quantize(CENT)] if r.random() < 0.4 else []
                for part in parts:
                    day = _later(r, day, 10, 60)
                    yield day
                    self.fire(p, "record_payment", officer, day, respondent=str(respondent.id),
                              paid_on=day, amount=part)
            if target == "published":
                return p, day
        day = _later(r, day, 1, 15)
        yield day
        self.fire(p, "close", r.choice((self.president, SystemActor("tick"))), day)
        return p, day

    def plan_decisions(self, r: random.Random, p: Proceeding,
                       target: str) -> dict[str, sanctions.ProposedDecision]:
        """One decision per respondent that fits where the path is going."""
        decisions: dict[str, sanctions.ProposedDecision] = {}
        for i, respondent in enumerate(p.respondents):
            if target == "closed_dismissal":
                outcome = "dismissal"
            elif target == "closed_admonition":
                outcome = "admonition"
            elif target in ("closed_fine", "published", "appealed", "closed_annulled", "final"):
                outcome = "fine" if i == 0 else r.choice(("fine", "dismissal"))
            else:
                outcome = r.choices(("fine", "admonition", "dismissal"), weights=(5, 2, 3))[0]
            if outcome != "fine":
                decisions[str(respondent.id)] = sanctions.ProposedDecision(outcome)
                continue
            amount = _fine(r, p.facts_year, respondent.person)
            accessories: tuple[sanctions.Accessory, ...] = ()
            if respondent.person == "legal" and respondent.kind != "security_force" \
                    and r.random() < 0.25:
                accessories = (sanctions.Accessory(
                    r.choice(("public_tenders_ban", "loss_of_subsidies")),
                    r.choice((6, 12, 24))),)
            decisions[str(respondent.id)] = sanctions.ProposedDecision("fine", amount,
                                                                       accessories)
        return decisions

    # -- the paths --------------------------------------------------------------------------------

    def back(self, r: random.Random, lo: int, hi: int) -> date:
        """A day between `hi` and `lo` days before today."""
        return self.today - timedelta(days=r.randint(lo, hi))

    def p_received(self, r: random.Random) -> Steps:
        received = self.back(r, 0, 18)
        made = make_complaint(r, received)
        yield from self.intake(r, made, received, assign=r.random() < 0.4, triage=False)

    def p_triage(self, r: random.Random) -> Steps:
        received = self.back(r, 8, 160)
        made = make_complaint(r, received)
        c, day, officer = yield from self.intake(r, made, received, info=0.3)
        if made.police and r.random() < 0.7:
            day = yield from self.clear_police(r, c, day, officer)
        if made.new.context in ("internet_social_media", "security_forces") and r.random() < 0.3:
            day = _later(r, day, 2, 20)
            yield day  # an MP referral awaiting the president's approval
            draft_referral(self.session, c, body="mp", purpose="prosecutor", actor=officer,
                           summary=r.choice(MP_SUMMARIES))

    def p_awaiting_information(self, r: random.Random) -> Steps:
        anchor = self.back(r, 0, 30)
        received = anchor - timedelta(days=r.randint(25, 70))
        made = make_complaint(r, received, contact=True)
        c, day, officer = yield from self.intake(r, made, received, info=0)
        day = max(_later(r, day, 1, 10), anchor)
        yield day
        self.ask(r, c, day, officer)

    def p_non_opening_proposed(self, r: random.Random) -> Steps:
        anchor = self.back(r, 0, 25)
        received = anchor - timedelta(days=r.randint(50, 140))
        made = make_complaint(r, received)
        c, day, officer = yield from self.intake(r, made, received)
        day = yield from self.clear_police(r, c, day, officer)
        day = max(_later(r, day, 3, 20), anchor)
        yield day
        self.propose_not_to_open(r, c, day)
        if c.complainant is not None and r.random() < 0.4:
            day = _later(r, day, 1, 9, working=False)
            yield day
            self.fire(c, "comment_non_opening", ComplainantActor(c.reference), day,
                      comment=r.choice(COMMENTS))

    def p_archive(self, r: random.Random, reason: str) -> Steps:
        received = self.back(r, 20, 950)
        made = make_complaint(r, received, contact=reason == "no_information",
                              police=False if reason == "duplicate" else None)
        original = None
        if reason == "duplicate":
            yield received  # the same form sent twice: copy the last online complaint
            if self.last_online is not None:
                original, made = self.last_online
                made = Made(NewComplaint(**{**vars(made.new), "files": []}), made.story,
                            made.group, made.victim)
        if reason == "duplicate" and r.random() < 0.4:
            c, day, officer = yield from self.intake(r, made, received, triage=False)
        else:
            c, day, officer = yield from self.intake(r, made, received, info=0.1)
            day = yield from self.clear_police(r, c, day, officer)
        if reason == "no_information":
            day = yield from self.ask_and_let_lapse(r, c, day, officer, latest=25)
        else:
            day = _later(r, day, 2, 30)
        yield day
        note = ARCHIVE_NOTES[reason].format(ref=original or "anterior")
        self.fire(c, "archive", r.choice((officer, officer, self.president)), day,
                  reason_code=reason, reason=note)
        return c, day, officer

    def p_non_opening_archived(self, r: random.Random) -> Steps:
        received = self.back(r, 60, 950)
        made = make_complaint(r, received)
        c, day, officer = yield from self.intake(r, made, received)
        day = yield from self.clear_police(r, c, day, officer)
        day = _later(r, day, 5, 40)
        yield day
        code = self.propose_not_to_open(r, c, day)
        if c.complainant is not None and r.random() < 0.4:
            day = _later(r, day, 1, 9, working=False)
            yield day
            self.fire(c, "comment_non_opening", ComplainantActor(c.reference), day,
                      comment=r.choice(COMMENTS))
            day = _later(r, day, 3, 20)
        else:
            due = c.non_opening_comment_due
            assert due is not None
            day = _later(r, due, 1, 20)
        yield day
        self.fire(c, "decide_non_opening", self.president, day, reason_code=code,
                  reason="Decide-se o arquivamento, nos termos da proposta.")

    def p_withdrawn(self, r: random.Random) -> Steps:
        received = self.back(r, 10, 900)
        made = make_complaint(r, received, contact=True)
        stage = _w(r, {"received": 2, "triage": 5, "awaiting_information": 2,
                       "non_opening_proposed": 1.5})
        c, day, officer = yield from self.intake(r, made, received, triage=stage != "received",
                                                 assign=stage != "received" or r.random() < 0.5)
        if stage == "awaiting_information":
            day = _later(r, day, 1, 10)
            yield day
            self.ask(r, c, day, officer)
        elif stage == "non_opening_proposed":
            day = yield from self.clear_police(r, c, day, officer)
            day = _later(r, day, 3, 20)
            yield day
            self.propose_not_to_open(r, c, day)
        day = _later(r, day, 1, 25, working=False)
        yield day
        self.fire(c, "withdraw", ComplainantActor(c.reference), day,
                  reason=r.choice(WITHDRAWALS))

    def p_reopened(self, r: random.Random) -> Steps:
        received = self.back(r, 150, 850)
        reason = r.choice(("no_information", "withdrawn", "manifestly_unfounded"))
        made = make_complaint(r, received, contact=True, identified=True,
                              earliest=self.today - timedelta(days=PROCEEDING_HORIZON))
        c, day, officer = yield from self.intake(r, made, received)
        day = yield from self.clear_police(r, c, day, officer)
        if reason == "no_information":
            day = yield from self.ask_and_let_lapse(r, c, day, officer, latest=20)
        else:
            day = _later(r, day, 2, 30)
        yield day
        self.fire(c, "archive", officer, day, reason_code=reason,
                  reason=ARCHIVE_NOTES[reason])
        day = _later(r, day, 15, 120)
        yield day
        self.fire(c, "reopen", self.president, day, reason=r.choice(REOPENINGS))
        if r.random() < 0.5:
            yield from self.proceeding(r, c, made, day, officer,
                                       r.choice(("opened", "instruction")))

    def p_reconsidered(self, r: random.Random) -> Steps:
        received = self.back(r, 150, 850)
        made = make_complaint(r, received, contact=True, identified=True,
                              earliest=self.today - timedelta(days=PROCEEDING_HORIZON))
        c, day, officer = yield from self.intake(r, made, received)
        day = yield from self.clear_police(r, c, day, officer)
        day = _later(r, day, 5, 30)
        yield day
        self.propose_not_to_open(r, c, day, code="no_information")
        day = _later(r, day, 1, 9, working=False)
        yield day
        self.fire(c, "comment_non_opening", ComplainantActor(c.reference), day,
                  comment="Discordo: junto o nome e o contacto de duas testemunhas e fotografias "
                          "do local.")
        day = _later(r, day, 3, 20)
        yield day
        self.fire(c, "reconsider", self.president, day,
                  reason="A pronúncia da queixosa traz elementos novos que justificam a "
                         "abertura do processo.")
        if r.random() < 0.6:
            yield from self.proceeding(r, c, made, day, officer,
                                       r.choice(("opened", "instruction", "instruction")))

    def p_prosecutor(self, r: random.Random, end: str) -> Steps:
        lo, hi = {"stays": (40, 420), "concluded": (360, 1000), "returned": (380, 800)}[end]
        received = self.back(r, lo, hi)
        made = make_complaint(r, received, contexts=MP_CONTEXTS, identified=end == "returned",
                              earliest=(self.today - timedelta(days=PROCEEDING_HORIZON)
                                        if end == "returned" else None))
        c, day, officer = yield from self.intake(r, made, received)
        day = yield from self.clear_police(r, c, day, officer, waive=0.05)
        day = yield from self.to_prosecutor(r, c, day, officer, end)
        if end == "returned":
            yield from self.proceeding(r, c, made, day, officer,
                                       r.choice(("opened", "instruction", "awaiting_defence")))

    def p_forwarded(self, r: random.Random, closed: bool) -> Steps:
        received = self.back(r, 150, 1000) if closed else self.back(r, 5, 140)
        body = r.choice(("act", "act", "erc"))
        made = make_complaint(r, received,
                              contexts=("labour",) if body == "act" else ("traditional_media",))
        c, day, officer = yield from self.intake(r, made, received, info=0.05)
        day = _later(r, day, 2, 20)
        yield day
        self.fire(c, "forward", officer, day, body=body, reason=FORWARD_REASONS[body])
        referral = c.referrals[-1]
        stop = "closed" if closed else _w(r, {"draft": 1, "sent": 2, "acknowledged": 2,
                                              "answered": 1.5})
        yield from self.referral_track(r, referral, day, officer, stop)

    def p_proceeding(self, r: random.Random, target: str) -> Steps:
        plain = target.split(":")[-1]
        anchor = None
        if plain == "prescribed":
            facts = self.today - timedelta(days=r.randint(1240, 1320))
            received = facts + timedelta(days=r.randint(20, 110))
            made = make_complaint(r, received, identified=True, earliest=facts, max_age=0,
                                  contexts=("neighbourhood", "social_private_life",
                                            "internet_social_media"))
            made.new.respondents = [p for p in made.new.respondents
                                    if p.kind == "natural_person"] or [_np(_person(r).name)]
        else:
            lo, hi, anchored = PROCEEDING_AGES[target]
            if anchored:
                anchor = self.back(r, *anchored)
            received = self.back(r, lo, hi)
            open_state = plain in OPEN_PROCEEDING_TARGETS
            made = make_complaint(r, received, identified=True, max_age=540,
                                  earliest=(self.today - timedelta(days=PROCEEDING_HORIZON)
                                            if open_state else None))
        c, day, officer = yield from self.intake(r, made, received)
        day = yield from self.clear_police(r, c, day, officer)
        yield from self.proceeding(r, c, made, day, officer, target, anchor=anchor)

    def p_joined(self, r: random.Random) -> Steps:
        """Two complaints on the same facts end up in one proceeding."""
        target = r.choice(("instruction", "awaiting_decision", "published", "closed_fine"))
        lo, hi, _anchor = PROCEEDING_AGES[target]
        received = self.back(r, max(lo, 200), min(hi, 820))
        police = r.random() < 0.4
        first = make_complaint(r, received, contexts=("internet_social_media", "security_forces"),
                               police=police, identified=True, max_age=300,
                               earliest=self.today - timedelta(days=PROCEEDING_HORIZON))
        second_day = received + timedelta(days=r.randint(1, 12))
        other = _person(r, first.group)
        complainant = PartyData(role="complainant", name=other.name, sex=other.sex,
                                email=_email(r, other.name))
        intro = ("Eu estava presente e fui igualmente visado. " if police else
                 "Venho também denunciar a mesma publicação, que continua online. ")
        second = Made(NewComplaint(**{**vars(first.new), "complainant": complainant,
                                      "description": intro + first.new.description,
                                      "files": [], "channel": "online", "language": "pt",
                                      "withhold_identity": False, "contact_channel": "email"}),
                      first.story, first.group, other)
        c1, day, officer = yield from self.intake(r, first, received)
        c2, day2, _ = yield from self.intake(r, second, max(second_day, day), info=0)
        day = yield from self.clear_police(r, c1, max(day, day2), officer, waive=0)
        if c2.is_police_related:
            day = _later(r, day, 1, 5)
            yield day
            self.fire(c2, "record_no_disciplinary_referral", self.president, day,
                      reason=f"Os mesmos factos já foram comunicados à IGAI na queixa "
                             f"{c1.reference}.")
        yield from self.proceeding(r, c1, first, day, officer, target, join=(c2,))


OPEN_PROCEEDING_TARGETS = ("opened", "instruction", "suspended_at_prosecutor",
                           "awaiting_defence", "report", "awaiting_decision", "decided",
                           "notified", "appealed")
# Age of the complaint (days before today) per proceeding target, and for targets that must be
# current at today, the range of days ago of their last step.
PROCEEDING_AGES: dict[str, tuple[int, int, tuple[int, int] | None]] = {
    "opened": (40, 160, (0, 40)),
    "instruction": (90, 600, None),
    "suspended_at_prosecutor": (260, 560, (30, 150)),
    "prosecutor_took_over": (420, 900, None),
    "awaiting_defence": (200, 500, (0, 60)),
    "report": (260, 560, (0, 40)),
    "awaiting_decision": (280, 600, (0, 30)),
    "decided": (300, 650, (0, 60)),
    "notified": (330, 650, (0, 18)),
    "appealed": (450, 800, (20, 200)),
    "final": (520, 900, None),
    "published": (600, 1000, None),
    "closed_fine": (650, 1050, None),
    "closed_admonition": (600, 1000, None),
    "closed_dismissal": (450, 1000, None),
    "closed_annulled": (750, 1050, None),
    "mp_returned:instruction": (300, 800, None),
    "mp_returned:closed_fine": (850, 1050, None),
}
MP_CONTEXTS = ("internet_social_media", "security_forces", "neighbourhood", "sport")

# (path, weight for 300 complaints, complaints it creates, how to run it)
PATHS: list[tuple[str, float, int, Callable[[Seeder, random.Random], Steps]]] = [
    ("received", 14, 1, Seeder.p_received),
    ("triage", 20, 1, Seeder.p_triage),
    ("awaiting_information", 9, 1, Seeder.p_awaiting_information),
    ("non_opening_proposed", 7, 1, Seeder.p_non_opening_proposed),
    *[(f"archive:{reason}", w, 1, (lambda s, r, reason=reason: s.p_archive(r, reason)))
      for reason, w in (("duplicate", 5), ("withdrawn", 4), ("manifestly_unfounded", 8),
                        ("outside_grounds", 7), ("no_information", 5))],
    ("non_opening_archived", 12, 1, Seeder.p_non_opening_archived),
    ("withdrawn", 7, 1, Seeder.p_withdrawn),
    ("reopened", 5, 1, Seeder.p_reopened),
    ("reconsidered", 3, 1, Seeder.p_reconsidered),
    *[(f"prosecutor:{end}", w, 1, (lambda s, r, end=end: s.p_prosecutor(r, end)))
      for end, w in (("stays", 11), ("concluded", 10), ("returned", 5))],
    ("forwarded", 6, 1, lambda s, r: s.p_forwarded(r, closed=False)),
    ("forwarded_closed", 7, 1, lambda s, r: s.p_forwarded(r, closed=True)),
    *[(f"proceeding:{t}", w, 1, (lambda s, r, t=t: s.p_proceeding(r, t)))
      for t, w in (("opened", 6), ("instruction", 14), ("suspended_at_prosecutor", 4),
                   ("prosecutor_took_over", 3), ("mp_returned:instruction", 2),
                   ("mp_returned:closed_fine", 1), ("awaiting_defence", 6), ("report", 5),
                   ("awaiting_decision", 5), ("decided", 4), ("notified", 5), ("appealed", 4),
                   ("final", 5), ("published", 6), ("closed_fine", 6), ("closed_admonition", 3),
                   ("closed_dismissal", 5), ("closed_annulled", 2), ("prescribed", 4))],
    ("joined", 4, 2, Seeder.p_joined),
]


# Paths that reach the most states first, for when there are fewer complaints than paths.
FIRST_PATHS = ("proceeding:published", "prosecutor:stays", "forwarded_closed", "triage",
               "received", "proceeding:notified", "proceeding:suspended_at_prosecutor",
               "awaiting_information", "non_opening_proposed", "forwarded",
               "proceeding:closed_dismissal", "archive:manifestly_unfounded")


def allocate(r: random.Random, total: int) -> list[int]:
    """Indices into PATHS adding up to `total` complaints: each path once, then by weight."""
    names = [name for name, *_rest in PATHS]
    order = [names.index(n) for n in FIRST_PATHS]
    order += [i for i in range(len(PATHS)) if i not in order]
    chosen: list[int] = []
    left = total
    for i in order:
        if PATHS[i][2] <= left:
            chosen.append(i)
            left -= PATHS[i][2]
    weights = [w for _n, w, _s, _f in PATHS]
    singles = [i for i, p in enumerate(PATHS) if p[2] == 1]
    while left > 0:
        i = r.choices(range(len(PATHS)), weights=weights)[0]
        if PATHS[i][2] > left:
            i = r.choices(singles, weights=[weights[j] for j in singles])[0]
        chosen.append(i)
        left -= PATHS[i][2]
    return chosen


# == Texts used along the paths =================================================================

QUESTIONS = (
    "Pode indicar a data e a hora exatas dos factos e o nome do estabelecimento?",
    "Tem testemunhas dos factos? Se sim, indique os nomes e contactos.",
    "Pode enviar as capturas de ecrã ou a ligação para a publicação?",
    "Apresentou queixa na PSP/GNR ou no Ministério Público sobre os mesmos factos?",
    "Consegue identificar o funcionário ou agente (nome, número, farda)?",
)
ANSWERS = (
    "Foi por volta das 18h. Envio em anexo as fotografias que tirei.",
    "A minha irmã estava comigo e pode testemunhar; o contacto dela é o 912 000 111.",
    "Não apresentei queixa na polícia, tenho medo de represálias.",
    "O funcionário tinha uma placa com o nome «Sérgio».",
    "Envio a ligação; a publicação ainda está online.",
)
WAIVERS = (
    "A IGAI instaurou processo por iniciativa própria, na sequência de notícia da comunicação "
    "social; não há lugar a nova comunicação.",
    "A própria força de segurança comunicou os factos à IGAI, que confirmou a receção.",
)
REMINDERS = ("Insistência enviada por correio eletrónico.", "Segundo pedido de confirmação da "
             "receção.", "Contacto telefónico com os serviços; reenviado o ofício.")
MP_SUMMARIES = (
    "Publicação que incita ao ódio contra uma comunidade: possível crime do art. 240.º do "
    "Código Penal.",
    "Insultos e ameaças de cariz racista: possíveis crimes de injúria e ameaça agravados "
    "(arts. 132.º e 145.º do Código Penal) e discriminação (art. 240.º).",
    "Factos suscetíveis de integrar crime de discriminação e incitamento ao ódio e à violência.",
)
MP_ANSWERS = {
    "inquiry_opened": "Foi instaurado inquérito pela prática do crime previsto no art. 240.º do "
                      "Código Penal.",
    "archived": "O inquérito foi arquivado (art. 277.º, n.º 2, do CPP) por falta de indícios "
                "suficientes do crime; devolve-se para apreciação da contraordenação.",
    "charged": "Foi deduzida acusação pelo crime previsto no art. 240.º do Código Penal; o "
               "Ministério Público conhece também da contraordenação.",
}
OTHER_ANSWERS = {
    "handled": "A entidade informou que instaurou procedimento próprio e dará conhecimento do "
               "resultado à queixosa.",
    "declined": "A entidade considera não ter competência sobre os factos descritos.",
    "archived": "A entidade arquivou o procedimento por falta de elementos.",
    "disciplinary_opened": "A IGAI instaurou processo disciplinar aos agentes identificados.",
    "sanctioned": "Foi aplicada sanção disciplinar de suspensão a um dos agentes.",
}
NON_OPENING_CODES = ("manifestly_unfounded", "outside_grounds", "no_information")
NON_OPENING_REASONS = {
    "manifestly_unfounded": "Os factos descritos não revelam tratamento menos favorável em "
                            "razão de um fator protegido pela Lei n.º 93/2017.",
    "outside_grounds": "A situação resulta de um conflito pessoal, sem ligação à origem racial e "
                       "étnica, cor, nacionalidade, ascendência, território de origem ou língua.",
    "no_information": "Não foi possível identificar o autor dos factos nem obter elementos que "
                      "permitam prosseguir.",
    "duplicate": "Os mesmos factos já são apreciados noutra queixa.",
    "withdrawn": "A queixosa desistiu.",
}
ARCHIVE_NOTES = {
    "duplicate": "Duplica a queixa {ref}: o mesmo formulário foi submetido duas vezes.",
    "withdrawn": "A queixosa comunicou por telefone que não pretende prosseguir.",
    "manifestly_unfounded": NON_OPENING_REASONS["manifestly_unfounded"],
    "outside_grounds": NON_OPENING_REASONS["outside_grounds"],
    "no_information": "O pedido de informação ficou sem resposta no prazo.",
}
COMMENTS = (
    "Não concordo com a proposta: tenho testemunhas que nunca foram ouvidas.",
    "Junto novos documentos que mostram que só a mim recusaram o serviço.",
    "Peço que reconsiderem; a situação repetiu-se na semana passada.",
)
WITHDRAWALS = ("Cheguei a acordo com a outra parte.", "Não quero continuar, tenho medo de "
               "represálias.", "O estabelecimento pediu desculpa publicamente.", "")
REOPENINGS = ("A queixosa apresentou elementos novos, incluindo a identificação do autor.",
              "Chegou nova queixa sobre os mesmos factos, com testemunhas identificadas.")
FORWARD_REASONS = {
    "act": "Discriminação em contexto laboral: fora do âmbito da Lei n.º 93/2017; competência "
           "da Autoridade para as Condições do Trabalho.",
    "erc": "Conteúdo difundido por órgão de comunicação social: remete-se à ERC para "
           "apreciação à luz da Lei de Imprensa e da Lei da Televisão.",
}
ENTITY_REQUESTS = (
    "Pronúncia sobre os factos e identificação dos funcionários presentes.",
    "Envio das imagens de videovigilância e do registo de atendimento do dia dos factos.",
    "Identificação do titular da conta e preservação dos conteúdos publicados.",
    "Cópia das regras internas de acesso e atendimento.",
)
INSPECTION_REQUESTS = (
    "Verificação no local das regras de acesso e do livro de reclamações.",
    "Ação inspetiva aos procedimentos de matrícula/atendimento.",
)
INSPECTORATES = {
    "education": "IGEC – Inspeção-Geral da Educação e Ciência",
    "health": "IGAS – Inspeção-Geral das Atividades em Saúde",
    "security_forces": "IGAI – Inspeção-Geral da Administração Interna",
    "transport": "IMT – Instituto da Mobilidade e dos Transportes",
    "default": "ASAE – Autoridade de Segurança Alimentar e Económica",
}
DEFENCES = (
    "O arguido nega ter proferido as expressões e junta declaração de dois funcionários.",
    "A arguida alega que a recusa se deveu à lotação do espaço e não à origem dos clientes.",
    "A defesa admite os factos, manifesta arrependimento e pede a aplicação de admoestação.",
    "O arguido invoca que a publicação foi feita por terceiro com acesso à sua conta.",
)
PLATFORM_OWNERS = {"Facebook": "Meta Platforms Ireland Ltd.", "Instagram": "Meta Platforms "
                   "Ireland Ltd.", "TikTok": "TikTok Technology Limited",
                   "X": "Twitter International Unlimited Company",
                   "YouTube": "Google Ireland Limited"}


def _entity_for(r: random.Random, made: Made) -> str:
    """Who is asked for information during instruction."""
    if made.story.online:
        for platform, owner in PLATFORM_OWNERS.items():
            if f"({platform})" in (made.new.respondents[0].name or ""):
                return owner
        return "Meta Platforms Ireland Ltd."
    for p in made.new.respondents:
        if p.kind == "security_force":
            return ("Direção Nacional da PSP" if p.security_force == "psp"
                    else "Comando-Geral da GNR")
        if p.kind in ("private_legal_person", "public_entity") and p.name:
            return p.name
    return f"Câmara Municipal de {made.story.place or 'Lisboa'}"


def _outcomes(body: str) -> tuple[str, ...]:
    from workflows.referral import outcomes_for

    return outcomes_for(body)


def _answer_text(r: random.Random, body: str, outcome: str) -> str:
    if body == "mp":
        return MP_ANSWERS[outcome]
    return OTHER_ANSWERS.get(outcome, "Resposta recebida.")


def _external_reference(r: random.Random, body: str, day: date) -> str:
    yy = day.year % 100
    if body == "mp":
        return (f"NUIPC {r.randint(100, 9999)}/{yy}.{r.randint(0, 9)}"
                f"{r.choice(('T9LSB', 'PBAMD', 'PAPRT', 'T9FAR', 'PBSXL', 'GBODM'))}")
    if body == "igai":
        return f"IGAI-{day.year}/{r.randint(1, 2400):04d}"
    return f"{body.upper()}/{day.year}/{r.randint(100, 9999)}"


def _proposal(p: Proceeding, decisions: dict[str, sanctions.ProposedDecision]) -> str:
    words = {"admonition": "admoestação", "dismissal": "arquivamento"}
    parts = []
    for respondent in p.respondents:
        d = decisions[str(respondent.id)]
        what = (f"coima de {sanctions.format_eur(d.amount)}" if d.outcome == "fine" and d.amount
                else words.get(d.outcome, d.outcome))
        parts.append(f"{respondent.name}: {what}")
    return "Propõe-se: " + "; ".join(parts) + "."


# == Entry point ================================================================================


def ensure_users(session: DbSession, *, fast: bool) -> dict[str, User]:
    """The demo accounts by e-mail, created when missing."""
    users = {}
    for email, name, role in DEMO_USERS:
        user = session.scalar(select(User).where(func.lower(User.email) == email))
        if user is None:
            user = create_user(session, email=email, name=name, role=role,
                               password=DEMO_PASSWORD, fast=fast)
        users[email] = user
    return users


def seed_demo(session: DbSession, *, complaints: int, seed: int, store_dir: str,
              fast: bool) -> int:
    """Create the demo users, then `complaints` complaints unless any exists; return how many."""
    users = ensure_users(session, fast=fast)
    if session.scalar(select(func.count()).select_from(Complaint)):
        return 0
    if complaints <= 0:
        return 0
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    today = date.today()
    chosen = allocate(rng, complaints)
    rng.shuffle(chosen)
    with click.progressbar(length=complaints, label="Creating demo complaints") as bar:
        seeder = Seeder(session, BlobStore(store_dir), users, today, bar)
        with events.suppressed(session):  # never e-mail made-up people
            seeder.run([PATHS[i][3](seeder, random.Random(rng.getrandbits(64)))  # noqa: S311
                        for i in chosen])
    if seeder.failures:
        click.echo(f"{len(seeder.failures)} demo step(s) were refused; first: "
                   f"{seeder.failures[0]}", err=True)
    return seeder.created

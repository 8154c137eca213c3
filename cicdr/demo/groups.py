"""The communities the demo's complaints come from (CICDR's annual reports: Brazilian, Roma,
Black Portuguese and African, South Asian, Ukrainian...), with how each is named and insulted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from cicdr.demo.people import Names, Person, person


@dataclass(frozen=True)
class Group:
    """A community often targeted: its words, the grounds a complaint invokes, its names."""

    key: str
    weight: float  # share of the complaints
    people_pt: str  # plural noun as an insulter would use it
    people_en: str
    origin_pt: str  # "de nacionalidade brasileira"
    community: str  # the community as a collective victim
    grounds: tuple[tuple[str, str], ...]  # first is the main one; a second is added sometimes
    slur: tuple[str, str]  # what the insulter calls a man / a woman of the group
    passport: str  # "brasileiro" as in "passaporte brasileiro"
    names: Names = Names()
    languages: dict[str, float] = field(default_factory=dict)  # chance of telling it in each
    black: bool = False

    def person(self, r: random.Random, sex: str | None = None) -> Person:
        """Someone of this community."""
        return person(r, self.names, sex)


BLACK = ("cape_verdean", "angolan", "guinean", "afro_portuguese", "senegalese")
SOUTH_ASIAN = ("nepali", "bangladeshi", "indian")
_BLACK_GROUNDS = (("colour", "negro"), ("ancestry", "afrodescendente"))

GROUPS: dict[str, Group] = {g.key: g for g in (
    Group("brazilian", 22, "brasileiros", "Brazilians", "de nacionalidade brasileira",
          "Comunidade brasileira", (("nationality", "brasileira"), ("language", "sotaque "
                                                                    "brasileiro")),
          ("zuca", "zuca"), "brasileiro", Names("pt_BR")),
    Group("roma", 16, "ciganos", "Roma", "de etnia cigana", "Comunidade cigana",
          (("racial_ethnic_origin", "cigano"), ("racial_ethnic_origin", "etnia cigana")),
          ("cigano ladrão", "cigana ladra"), "português",
          Names(surnames=("Montoia", "Maia", "Garcia", "Cabeças", "Vaz", "Prudêncio"), own=0.5)),
    Group("cape_verdean", 10, "pretos", "Black people", "de origem cabo-verdiana",
          "Comunidade cabo-verdiana", (("colour", "negra"), ("territory_of_origin", "Cabo Verde")),
          ("macaco", "macaca"), "cabo-verdiano",
          Names(female=("Djamila", "Ivanilda", "Keila", "Adilsa", "Elisângela"),
                male=("Edson", "Arlindo", "Ailton", "Danilson", "Jailson"),
                surnames=("Semedo", "Varela", "Fortes", "Furtado", "Tavares"), own=0.6,
                pt_first=0.3), black=True),
    Group("angolan", 8, "pretos", "Black people", "de nacionalidade angolana",
          "Comunidade angolana", (("colour", "pele negra"), ("nationality", "angolana")),
          ("macaco", "macaca"), "angolano",
          Names(female=("Esperança", "Nzinga", "Feliciana", "Yola"),
                male=("Domingos", "Kiala", "Adão", "Zola", "Mbuta"),
                surnames=("Kiala", "Cassoma", "Lukamba", "Chipenda", "dos Santos"), own=0.6),
          black=True),
    Group("guinean", 5, "pretos", "Black people", "de origem guineense",
          "Comunidade guineense", (("colour", "negro"), ("nationality", "guineense")),
          ("macaco", "macaca"), "guineense",
          Names(female=("Aissatu", "Fatumata", "Aua", "Mariama", "Binta"),
                male=("Mamadu", "Braima", "Sadjo", "Umaro", "Bubacar"),
                surnames=("Baldé", "Djaló", "Embaló", "Sanhá", "Cassamá", "Mané"), own=0.9),
          black=True),
    Group("afro_portuguese", 10, "pretos", "Black people", "afrodescendente",
          "Pessoas afrodescendentes", _BLACK_GROUNDS, ("macaco", "macaca"), "português",
          black=True),
    Group("ukrainian", 5, "ucranianos", "Ukrainians", "de nacionalidade ucraniana",
          "Comunidade ucraniana", (("nationality", "ucraniana"), ("language", "ucraniano")),
          ("ucraniano imundo", "ucraniana imunda"), "ucraniano",
          Names("uk_UA", translit=True), {"uk": 0.45, "en": 0.2}),
    Group("nepali", 6, "nepaleses", "Nepalis", "de nacionalidade nepalesa",
          "Comunidade nepalesa", (("nationality", "nepalesa"), ("racial_ethnic_origin",
                                                               "sul-asiática")),
          ("monhé", "monhé"), "nepalês",
          Names("en_IN", female=("Sita", "Sunita", "Kamala", "Sarita"),
                male=("Bishnu", "Prakash", "Santosh", "Dipak", "Bikram"),
                surnames=("Gurung", "Tamang", "Shrestha", "Thapa", "Rai", "Magar"), own=0.8),
          {"en": 0.45}),
    Group("bangladeshi", 6, "bangladeshianos", "Bangladeshis", "do Bangladesh",
          "Comunidade bangladeshiana", (("nationality", "bangladeshiana"),
                                        ("racial_ethnic_origin", "sul-asiática")),
          ("monhé", "monhé"), "do Bangladesh",
          Names(female=("Fatema", "Nasrin", "Shirin", "Taslima"),
                male=("Mohammad", "Rahim", "Abdul", "Jahid", "Rashed"),
                surnames=("Hossain", "Rahman", "Islam", "Ahmed", "Uddin", "Chowdhury"), own=1),
          {"en": 0.4}),
    Group("indian", 5, "indianos", "Indians", "de origem indiana", "Comunidade indiana",
          (("nationality", "indiana"), ("colour", "pele escura")), ("monhé", "monhé"), "indiano",
          Names("en_IN", surnames=("Singh", "Kaur", "Gill"), own=0.3), {"en": 0.45}),
    Group("senegalese", 2, "pretos", "Black people", "de nacionalidade senegalesa",
          "Comunidade senegalesa", (("colour", "negro"), ("nationality", "senegalesa")),
          ("macaco", "macaca"), "senegalês",
          Names(female=("Fatou", "Awa", "Aminata", "Coumba"),
                male=("Mamadou", "Cheikh", "Ousmane", "Ibrahima"),
                surnames=("Diop", "Ndiaye", "Sarr", "Fall", "Sow"), own=1), {"fr": 0.7},
          black=True),
    Group("syrian", 2, "árabes", "Arabs", "de nacionalidade síria", "Comunidade síria",
          (("nationality", "síria"), ("racial_ethnic_origin", "árabe")),
          ("terrorista", "terrorista"), "sírio",
          Names(female=("Rania", "Lina", "Hala", "Nour"), male=("Ahmad", "Omar", "Khaled",
                                                                "Yousef"),
                surnames=("Al-Hassan", "Haddad", "Khalil", "Darwish"), own=1),
          {"ar": 0.6, "en": 0.2}),
)}
LANGUAGE_NAMES_PT = {"fr": "francês", "uk": "ucraniano", "ar": "árabe"}

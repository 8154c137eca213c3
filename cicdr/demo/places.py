"""Where things happen: municipalities by district (weighted like the complaints CICDR
receives, mostly Lisbon, Porto, Setúbal and the Algarve) and postal addresses from Faker."""

from __future__ import annotations

import random

from cicdr.demo.draw import weighted
from cicdr.demo.people import fake

# District codes of the `district` vocabulary, with some of their municipalities.
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
DISTRICT_WEIGHTS = {"lisboa": 40, "porto": 15, "setubal": 12, "faro": 8, "braga": 3, "coimbra": 3,
                    "aveiro": 2, "leiria": 2, "santarem": 2, "beja": 3, "evora": 1, "viseu": 1,
                    "castelo_branco": 1, "braganca": 0.5, "portalegre": 0.5, "madeira": 1,
                    "acores": 1}


def somewhere(r: random.Random, district: str | None = None) -> tuple[str, str]:
    """(district code, municipality): in `district`, or anywhere by the usual weights."""
    district = district or weighted(r, DISTRICT_WEIGHTS)
    return district, r.choice(CITIES[district])


def address(r: random.Random, town: str) -> str:
    """A postal address in `town`: Faker's street and postcode, a flat in a building."""
    f = fake(r)
    return (f"{f.street_name()}, n.º {r.randint(1, 240)}, {r.randint(1, 9)}.º "
            f"{r.choice('ABCDE')}, {f.postcode()} {town}")

"""People in the demo: names, e-mail addresses and phone numbers from Faker.

Names come from the Faker locale that fits each community (`pt_PT` for Portuguese people and
Portuguese Roma, `pt_BR`, `uk_UA` transliterated, `en_IN`), mixed with a few family and given
names of their own where Faker has no locale in Latin script (Cape Verde, Angola,
Guinea-Bissau, Nepal, Bangladesh, Senegal, Syria). Every draw reseeds Faker from the caller's
`random.Random`, so the same seed gives the same people.
"""

from __future__ import annotations

import functools
import random
import unicodedata
from dataclasses import dataclass

from faker import Faker
from faker.providers.person.uk_UA import translit


@functools.cache
def _faker(locale: str) -> Faker:
    return Faker(locale)


def fake(r: random.Random, locale: str = "pt_PT") -> Faker:
    """The Faker of `locale`, seeded from `r` (so the data follows the demo's seed)."""
    f = _faker(locale)
    f.seed_instance(r.getrandbits(32))
    return f


@dataclass(frozen=True)
class Names:
    """Where a community's names come from.

    locale: the Faker locale; female/male/surnames: names of the community's own, used with
    chance `own` (always when the locale does not fit); translit: write the locale's names in
    Latin letters; pt_first: chance a Portuguese family name comes first (a common mix).
    """

    locale: str = "pt_PT"
    female: tuple[str, ...] = ()
    male: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    own: float = 0.0
    translit: bool = False
    pt_first: float = 0.0

    def given(self, r: random.Random, sex: str) -> str:
        """A given name for a person of `sex`."""
        own = self.female if sex == "female" else self.male
        if own and r.random() < self.own:
            return r.choice(own)
        f = fake(r, self.locale)
        name = f.first_name_female() if sex == "female" else f.first_name_male()
        return translit(name) if self.translit else name

    def surname(self, r: random.Random) -> str:
        """A family name, sometimes preceded by a Portuguese one."""
        if self.surnames and r.random() < self.own:
            last = r.choice(self.surnames)
        else:
            last = fake(r, self.locale).last_name()
            last = translit(last) if self.translit else last
        if r.random() < self.pt_first:
            last = f"{fake(r).last_name()} {last}"
        return last


PORTUGUESE = Names()


@dataclass(frozen=True)
class Person:
    """Someone in a story: a name and the sex the Portuguese words agree with."""

    name: str
    sex: str

    @property
    def female(self) -> bool:
        return self.sex == "female"

    def g(self, male: str, female: str) -> str:
        """The word agreeing with this person's gender."""
        return female if self.female else male


def person(r: random.Random, names: Names = PORTUGUESE, sex: str | None = None) -> Person:
    """A person named the way `names` says (a Portuguese person by default)."""
    sex = sex or r.choice(("female", "male"))
    last = names.surname(r)
    if names is PORTUGUESE and r.random() < 0.5:
        last = f"{names.surname(r)} {last}"  # two family names, as most Portuguese carry
    return Person(f"{names.given(r, sex)} {last}", sex)


def ascii_lower(text: str) -> str:
    """`text` without accents, in lower case (for e-mail addresses and domains)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def email(r: random.Random, name: str) -> str:
    """A personal e-mail address made from `name`, at a common free provider."""
    parts = ascii_lower(name).replace("-", "").replace("'", "").split()
    local = f"{parts[0]}.{parts[-1]}" if r.random() < 0.6 else f"{parts[0]}{parts[-1][:3]}"
    if r.random() < 0.4:
        local += str(r.randint(1, 99))
    return f"{local}@{fake(r).free_email_domain()}"


def phone(r: random.Random) -> str:
    """A Portuguese phone number, as people write them."""
    return str(fake(r).phone_number())

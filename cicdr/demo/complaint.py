"""One realistic complaint, ready for `submit_complaint`: a story told by the victim, a
relative, an association or a public entity, in the language they used, with the parties,
grounds and evidence it names. `make_complaint` is also what `bench/search_data.py` uses."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from cicdr.demo.draw import weighted
from cicdr.demo.evidence import evidence_file
from cicdr.demo.groups import GROUPS, LANGUAGE_NAMES_PT, Group
from cicdr.demo.people import Person, email, person, phone
from cicdr.demo.places import CITIES, address, somewhere
from cicdr.demo.stories import CONTEXT_WEIGHTS, TEMPLATES, Ctx, Story
from cicdr.services.intake.registration import NewComplaint, PartyData

CHANNEL_WEIGHTS = {"online": 66, "email": 14, "post": 5, "in_person": 8, "phone": 5,
                   "forwarded_by_entity": 2}
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


def association(r: random.Random, group: Group) -> PartyData:
    """An association that files for a victim (with consent) or reports what it saw."""
    name, domain, _groups = r.choice([a for a in ASSOCIATIONS
                                      if a[2] is None or group.key in a[2]])
    return PartyData(role="complainant", kind="private_legal_person", name=name,
                     email=f"{r.choice(('geral', 'queixas', 'apoio'))}@{domain}")


def facts_day(r: random.Random, received: date, *, earliest: date | None = None,
              max_age: int = 1000) -> date:
    """When it happened: mostly weeks before the complaint, sometimes up to ~3 years."""
    x = r.random()
    age = (r.randint(0, 45) if x < 0.55 else r.randint(46, 365) if x < 0.85
           else r.randint(366, 1000))
    facts = received - timedelta(days=min(age, max_age))
    if earliest is not None and facts < earliest:
        facts = earliest + timedelta(days=r.randint(0, max(0, (received - earliest).days // 3)))
    return min(facts, received)


def _story(r: random.Random, received: date, contexts: tuple[str, ...] | None,
           police: bool | None, earliest: date | None, max_age: int) -> tuple[Ctx, Story]:
    """A context by weight, a template that fits it, a community the template fits."""
    weights = {k: v for k, v in CONTEXT_WEIGHTS.items()
               if (k in contexts if contexts else k != "labour")
               and (police is None or (k == "security_forces") == police)}
    template, fits = r.choice(TEMPLATES[weighted(r, weights)])
    group = GROUPS[weighted(r, {k: g.weight for k, g in GROUPS.items()
                                if fits is None or k in fits})]
    ctx = Ctx(r, group, group.person(r), facts_day(r, received, earliest=earliest,
                                                    max_age=max_age))
    return ctx, template(ctx)


def _language(r: random.Random, group: Group) -> str:
    """The language the person told it in (most tell it in Portuguese)."""
    for lang, chance in group.languages.items():
        if r.random() < chance:
            return lang
    return "pt"


def _channel(r: random.Random, story: Story) -> str:
    """How it reached CICDR; a public entity's participação comes by e-mail or post."""
    channel = weighted(r, CHANNEL_WEIGHTS)
    if story.origin == "participacao":
        return r.choice(("email", "email", "forwarded_by_entity", "post"))
    return "email" if channel == "forwarded_by_entity" else channel


def _account(r: random.Random, story: Story, english: bool) -> str:
    """The story's text, in English when told in English, with a closing sentence or two."""
    account, closers = (story.en, CLOSERS_EN) if english and story.en else (story.pt, CLOSERS_PT)
    return account + "".join(" " + x for x in r.sample(closers, r.randint(0, 2))
                             if not ("capturas" in x and "capturas" in account))


def _on_behalf(victim: Person, text: str, english: bool) -> str:
    """An association's cover for the victim's own account."""
    if english:
        return f"On behalf of {victim.name}, with their consent, we forward their account: '{text}'"
    return (f"Em representação de {victim.name}, e com o seu consentimento, transcrevemos o "
            f"relato da vítima: «{text}»")


def _summarised(r: random.Random, language: str, text: str, channel: str) -> tuple[str, str]:
    """Told in another language: an officer registers it with a summary in Portuguese."""
    name = LANGUAGE_NAMES_PT.get(language, "inglês")
    text = f"[Queixa apresentada em {name}; resumo em português pelos serviços.] {text}"
    return text, r.choice(("in_person", "email", "phone")) if channel == "online" else channel


def _victim_party(victim: Person) -> PartyData:
    return PartyData(role="victim", name=victim.name, sex=victim.sex, victim_kind="individual")


def _victim_complains(r: random.Random, story: Story,
                      victim: Person) -> tuple[PartyData, list[PartyData]]:
    """The victim is the complainant (and sometimes also listed as the victim)."""
    complainant = PartyData(role="complainant", name=victim.name, sex=victim.sex,
                            email=email(r, victim.name) if r.random() < 0.85 else None,
                            phone=phone(r) if r.random() < 0.7 else None)
    victims = list(story.victims)
    if r.random() < 0.2 and not victims:
        victims.append(_victim_party(victim))
    return complainant, victims


def _someone_reports(r: random.Random, story: Story, ctx: Ctx, reporter: PartyData | None,
                     anonymous: bool) -> tuple[PartyData | None, list[PartyData]]:
    """A third party reports: an entity, an association, a witness, or nobody known."""
    complainant = story.reporter or reporter
    if complainant is None:
        if r.random() < 0.35:
            complainant = association(r, ctx.group)
        else:
            witness = person(r)
            complainant = PartyData(role="complainant", name=witness.name, sex=witness.sex,
                                    email=email(r, witness.name))
    victims = list(story.victims) or [_victim_party(ctx.victim)]
    if anonymous and r.random() < 0.35:
        complainant = None
    return complainant, victims


def _reachable(r: random.Random, complainant: PartyData | None, story: Story,
               channel: str) -> None:
    """A person who complains gets an address when writing by post or in person, and always
    an e-mail address or a phone number."""
    if complainant is None or complainant.kind != "natural_person":
        return
    if channel in ("post", "in_person") or r.random() < 0.1:
        district = story.district if story.district in CITIES else None
        complainant.address = address(r, somewhere(r, district)[1])
    if not complainant.email and not complainant.phone:
        complainant.phone = phone(r)


def _grounds(r: random.Random, group: Group, story: Story) -> list[tuple[str, str | None]]:
    """The protected grounds invoked: the community's main one, sometimes a second."""
    grounds: list[tuple[str, str | None]] = [
        r.choice(group.grounds) if group.key == "roma" else group.grounds[0]]
    if group.key != "roma" and r.random() < 0.3:
        grounds.append(group.grounds[1])
    return grounds + list(story.extra_grounds)


def _respondents(r: random.Random, story: Story, identified: bool) -> list[PartyData]:
    """The story's respondents; `identified` names every person among them."""
    if not identified:
        return story.respondents
    return [PartyData(**{**vars(p), "name": p.name or person(r).name})
            if p.kind == "natural_person" else p for p in story.respondents]


def _contact_channel(complainant: PartyData | None) -> str | None:
    if complainant is None:
        return None
    return "email" if complainant.email else "phone" if complainant.phone else "post"


def make_complaint(r: random.Random, received: date, *, contexts: tuple[str, ...] | None = None,
                   police: bool | None = None, contact: bool = False, identified: bool = False,
                   earliest: date | None = None, max_age: int = 1000) -> Made:
    """A realistic complaint received on `received`.

    contexts: allowed contexts (default: all but labour); police: force (True) or exclude
    (False) security forces; contact: the complainant must be reachable (not anonymous);
    identified: every natural-person respondent has a name (it will face a proceeding).
    """
    ctx, story = _story(r, received, contexts, police, earliest, max_age)
    language, channel = _language(r, ctx.group), _channel(r, story)
    english = language == "en" and story.en is not None
    text, origin, reporter = _account(r, story, english), story.origin, None
    if origin == "queixa" and r.random() < 0.12:  # an association files for the victim
        origin, reporter = "denuncia", association(r, ctx.group)
        text = _on_behalf(ctx.victim, text, english)
    if language != "pt" and not english:
        text, channel = _summarised(r, language, text, channel)
    anonymous = not contact and channel == "online" and story.origin == "denuncia"
    complainant, victims = (_victim_complains(r, story, ctx.victim) if origin == "queixa" else
                            _someone_reports(r, story, ctx, reporter, anonymous))
    _reachable(r, complainant, story, channel)
    new = NewComplaint(
        origin=origin, facts_date=ctx.facts, district=story.district, context=story.context,
        description=text, grounds=_grounds(r, ctx.group, story),
        respondents=_respondents(r, story, identified), channel=channel, language=language,
        place=story.place, practice=story.practice if r.random() < 0.8 else None,
        complainant=complainant, victims=victims, witnesses=list(story.witnesses),
        withhold_identity=complainant is not None and r.random() < 0.14,
        contact_channel=_contact_channel(complainant),
        files=[evidence_file(r, story.evidence)] if story.evidence and r.random() < 0.35 else [])
    return Made(new, story, ctx.group, ctx.victim)

"""Stories of police stops and detentions (PSP in Greater Lisbon, GNR with farm workers)."""

from __future__ import annotations

from cicdr.demo.stories.base import (
    Ctx,
    Story,
    d_en,
    d_pt,
    maybe_witness,
)
from cicdr.services.intake.registration import PartyData

AMADORA_STATIONS = ("Esquadra da PSP de Alfragide (Amadora)", "Esquadra da PSP da Damaia (Amadora)",
                    "Esquadra da PSP da Buraca (Amadora)", "Esquadra da PSP da Venteira (Amadora)")
OTHER_PSP = (("lisboa", "Esquadra da PSP do Bairro Alto (Lisboa)"),
             ("lisboa", "Esquadra da PSP de Odivelas"),
             ("porto", "Esquadra da PSP de Campanhã (Porto)"),
             ("setubal", "Esquadra da PSP do Seixal"),
             ("setubal", "Esquadra da PSP de Almada"))


def police_psp(c: Ctx) -> Story:
    r, v = c.r, c.victim
    if r.random() < 0.55:
        district, unit = "lisboa", r.choice(AMADORA_STATIONS)
        spot = r.choice(("junto à estação de comboios da Amadora", "na Reboleira",
                         "à saída do metro da Amadora Este", "no bairro da Cova da Moura"))
    else:
        district, unit = r.choice(OTHER_PSP)
        spot = "perto de minha casa"
    slur = v.g(*c.group.slur)
    pt = (f"No dia {d_pt(c.facts)}, por volta das 22h, fui {c.who('abordado', 'abordada')} "
          f"{spot} por dois agentes da PSP que me pediram a identificação. Quando perguntei o "
          f"motivo, um deles chamou-me «{slur}» e disse «volta para a tua terra». Fui "
          f"{c.who('levado', 'levada')} para a {unit}, onde continuaram os insultos e fiquei "
          "algemado durante horas sem me dizerem porquê. Saí sem qualquer acusação. Tenho "
          "relatório do hospital com as marcas nos pulsos.")
    if v.female:
        pt = pt.replace("fiquei algemado", "fiquei algemada")
    respondents = [PartyData(role="respondent", kind="security_force", security_force="psp",
                             unit=unit)]
    if r.random() < 0.45:  # the badge number was seen: the officer, a natural person, too
        respondents.append(PartyData(role="respondent", kind="security_officer",
                                     security_force="psp", unit=unit,
                                     officer_identification=str(r.randint(140000, 159999))))
    witnesses = maybe_witness(r, 0.5)
    return Story("security_forces", "i", district, unit, pt, None, respondents,
                 witnesses=witnesses, evidence="pdf" if r.random() < 0.4 else None)


GNR_POSTS = (("beja", "Posto Territorial da GNR de Odemira", "Odemira"),
             ("beja", "Posto Territorial da GNR de São Teotónio", "São Teotónio (Odemira)"),
             ("faro", "Posto Territorial da GNR de Albufeira", "Albufeira"),
             ("faro", "Destacamento Territorial da GNR de Loulé", "Loulé"),
             ("santarem", "Posto Territorial da GNR do Cartaxo", "Cartaxo"))


def police_gnr(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, unit, town = r.choice(GNR_POSTS)
    pt = (f"No dia {d_pt(c.facts)}, em {town}, uma patrulha da GNR mandou parar a carrinha em "
          f"que eu seguia com outros trabalhadores agrícolas {g.origin_pt}. Só a nós pediram os "
          "documentos; os colegas portugueses foram dispensados. Um dos militares disse que "
          f"«os {g.people_pt} são todos ilegais» e rasgou o comprovativo do meu pedido de "
          "autorização de residência.")
    en = (f"On {d_en(c.facts)}, in {town}, a GNR patrol stopped the van in which I was travelling "
          "with other farm workers. They only asked us, the foreigners, for documents; our "
          f"Portuguese colleagues were let go. One of the officers said that '{g.people_en} are "
          "all illegal' and tore up the receipt of my residence-permit application.")
    officer = f"Guarda n.º {r.randint(2000000, 2199999)}" if r.random() < 0.3 else None
    respondent = PartyData(role="respondent", kind="security_force", security_force="gnr",
                           unit=unit, officer_identification=officer)
    return Story("security_forces", "i", district, town, pt, en, [respondent])


"""Stories of shops, estate agents, nightlife and private services refusing or insulting."""

from __future__ import annotations

import random

from cicdr.demo.groups import Group
from cicdr.demo.people import person
from cicdr.demo.places import somewhere
from cicdr.demo.stories.base import Ctx, Story, d_en, d_pt, legal, maybe_witness, natural

AGENCIES = ("Imobiliária Casa Certa, Lda.", "Lar Doce Lar Mediação Imobiliária", "Habita+ Imóveis",
            "Predial Atlântico, Lda.", "Chave Dourada Imobiliária")


def _refusal(r: random.Random, c: Ctx) -> tuple[str, str, str, str]:
    """What the estate agent asked and answered (pt, en), by the caller's community."""
    g = c.group
    if g.key == "roma":
        return (f"se eu era {c.who('cigano', 'cigana')}", "whether I was Roma", *r.choice((
            ("o senhorio não arrenda a ciganos", "the landlord does not rent to Roma"),
            ("ciganos aqui não, que depois não pagam", "no Roma here, they never pay"))))
    if g.key == "brazilian":
        return ("de onde era o meu sotaque", "where my accent was from", *r.choice((
            ("o proprietário não quer brasileiros", "the owner does not want Brazilians"),
            ("já tivemos problemas com brasileiros, não arrendamos",
             "we have had problems with Brazilians, we do not rent"))))
    return ("de onde eu era", "where I was from", *r.choice((
        ("o senhorio prefere inquilinos portugueses", "the landlord prefers Portuguese tenants"),
        (f"o dono não quer {g.people_pt} no prédio",
         f"the owner does not want {g.people_en} in the building"))))


def housing(c: Ctx) -> Story:
    r = c.r
    district, town = somewhere(r)
    agency = r.choice(AGENCIES)
    tip, tip_en = r.choice((("T1", "one-bedroom flat"), ("T2", "two-bedroom flat"),
                            ("T3", "three-bedroom flat"), ("quarto", "room")))
    portal = r.choice(("no Idealista", "no Imovirtual", "no OLX", "num grupo de Facebook"))
    asked, asked_en, quote, quote_en = _refusal(r, c)
    pt = (f"No dia {d_pt(c.facts)} contactei a {agency} por causa de um {tip} para arrendar em "
          f"{town}, anunciado {portal}. Ao telefone perguntaram-me {asked}. Quando respondi, a "
          f"funcionária disse-me que «{quote}» e desligou. Meia hora depois uma colega portuguesa "
          "ligou para o mesmo anúncio e foi convidada a visitar a casa nesse mesmo dia.")
    en = (f"On {d_en(c.facts)} I contacted {agency} about a {tip_en} to rent in {town}. On the "
          f"phone they asked {asked_en}. When I answered, the agent told me that '{quote_en}' and "
          "hung up. Half an hour later a Portuguese colleague called about the same advert and "
          "was invited to visit that same day.")
    respondents = [legal(agency)]
    if r.random() < 0.35:
        respondents.append(natural(person(r).name if r.random() < 0.5 else None))
    return Story("housing", "c", district, town, pt, en, respondents,
                 evidence="png" if r.random() < 0.3 else None)


def _insult(r: random.Random, g: Group) -> tuple[str, str]:
    """What the cashier said (pt, en)."""
    if g.key == "brazilian":
        return r.choice((("vai para a tua terra, brasileira de m...",
                          "go back to your country, bloody Brazilian"),
                         ("os brasileiros vêm cá roubar o nosso trabalho",
                          "Brazilians come here to steal our jobs"),
                         ("não percebo esse português de novela",
                          "I don't understand that soap-opera Portuguese")))
    if g.black:
        return (("aqui não servimos pretos", "we don't serve Black people here")
                if r.random() < 0.5 else ("volta para a tua terra", "go back where you came from"))
    return f"os {g.people_pt} cheiram mal, sai daqui", f"{g.people_en} stink, get out"


def shop(c: Ctx) -> Story:
    r = c.r
    district, town = somewhere(r)
    name = r.choice(("Minimercado Sol Nascente", "Loja Moda Atlântica", "Pastelaria Flor do Bairro",
                     "Supermercado Preço Certo", "Drogaria Central", "Loja do Telemóvel Express"))
    insult, insult_en = _insult(r, c.group)
    pt = (f"No dia {d_pt(c.facts)}, na caixa do estabelecimento {name} em {town}, a funcionária "
          f"recusou-se a atender-me e disse em voz alta «{insult}». Pedi para falar com o "
          "responsável, que se riu e disse que eu podia ir comprar a outro lado. Havia outros "
          "clientes na fila que ouviram tudo.")
    en = (f"On {d_en(c.facts)}, at the till of {name} in {town}, the cashier refused to serve me "
          f"and said out loud '{insult_en}'. I asked for the manager, who laughed and said I could "
          "shop somewhere else. Other customers in the queue heard everything.")
    respondents = [legal(f"{name}, Lda.")]
    if r.random() < 0.4:
        respondents.append(natural(None))
    return Story("commerce", "a", district, town, pt, en, respondents,
                 witnesses=maybe_witness(r, 0.4))


def shop_guard(c: Ctx) -> Story:
    r = c.r
    district, town = somewhere(r)
    mall = r.choice(("Centro Comercial Tejo Park", "Centro Comercial Norte Shopping Plaza",
                     "Retail Park do Sul", "Galerias Avenida"))
    pt = (f"No dia {d_pt(c.facts)} entrei numa loja de roupa do {mall}, em {town}. O vigilante "
          "seguiu-me por toda a loja e, à saída, obrigou-me a abrir a mochila à frente de todos. "
          "Outros clientes, brancos, saíram sem ser incomodados. Quando perguntei porquê, "
          "respondeu que «é o procedimento para pessoas como tu». "
          f"Senti-me {c.who('humilhado', 'humilhada')}.")
    respondents = [legal(f"Loja Estilo Urbano ({mall})"),
                   legal(r.choice(("Vigilância Segura, S.A.", "Prosegur Ibérica de Vigilância",
                                   "Securitas Norte, Lda.")))]
    return Story("commerce", "d", district, town, pt, None, respondents)


def _nightlife(c: Ctx) -> Story:
    r = c.r
    district, town = somewhere(r)
    venue = r.choice(("Discoteca Noite Azul", "Bar Lounge Cais 7", "Clube Eclipse"))
    pt = (f"Na noite de {d_pt(c.facts)} fui com três amigos à {venue}, em {town}. O porteiro "
          "deixou entrar o grupo à nossa frente e disse-nos que era «só com convite». Um "
          "amigo branco que chegou depois entrou sem convite. Quando insistimos, disse que "
          "«a casa já tem pretos que cheguem esta noite».")
    en = (f"On the night of {d_en(c.facts)} I went with three friends to {venue} in {town}. "
          "The doorman let the group ahead of us in and told us it was 'invitation only'. A "
          "white friend who arrived later got in without any invitation. When we insisted he "
          "said the club 'already has enough Black people tonight'.")
    return Story("private_services", "d", district, town, pt, en,
                 [legal(f"{venue}, Lda."), natural(None)])


def _client_refused(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, town = somewhere(r)
    venue = r.choice(("Banco Lusitano de Crédito", "Ginásio FitZone", "Seguros Horizonte"))
    pt = (f"Em {d_pt(c.facts)} pedi para abrir conta/inscrição no {venue} em {town}. Com "
          "todos os documentos em ordem, disseram-me que «com passaporte "
          f"{g.passport} não é possível» e que a política da casa é não aceitar clientes "
          "daquele país.")
    en = (f"On {d_en(c.facts)} I asked to become a client of {venue} in {town}. All my "
          "documents were in order, but they told me that 'with that passport it is not "
          "possible' and that their policy is not to accept clients from my country.")
    return Story("private_services", "a", district, town, pt, en, [legal(f"{venue}, S.A.")],
                 extra_grounds=[("nationality", f"passaporte {g.passport}")])


def private_service(c: Ctx) -> Story:
    """Turned away at a club's door, or refused as a client of a bank, gym or insurer."""
    if c.r.random() < 0.5 or c.group.key == "afro_portuguese":
        return _nightlife(c)
    return _client_refused(c)

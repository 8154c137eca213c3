"""Stories of everyday life: neighbours, graffiti, cafés, work, sport, a festival."""

from __future__ import annotations

from cicdr.demo.people import ascii_lower, person
from cicdr.demo.places import somewhere
from cicdr.demo.stories.base import (
    Ctx,
    Story,
    d_pt,
    legal,
    maybe_witness,
    natural,
)
from cicdr.demo.tables import label
from cicdr.services.intake.registration import PartyData


def neighbour(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = somewhere(r)
    n = person(r)
    slur = "ciganos" if g.key == "roma" else g.people_pt
    pt = (f"Desde {d_pt(c.facts)} o meu vizinho do andar de cima, {n.name}, insulta a minha "
          f"família sempre que nos cruzamos: «{slur} nojentos», «voltem para a vossa terra». "
          "Escreveu insultos na porta da nossa casa e deixa lixo à entrada. Os meus filhos já "
          "têm medo de sair. Apresentei queixa na polícia mas nada mudou.")
    return Story("neighbourhood", None, district, city, pt, None, [natural(n.name)],
                 witnesses=maybe_witness(r, 0.4),
                 evidence="png" if r.random() < 0.3 else None)


def graffiti(c: Ctx) -> Story:
    """A public entity's participação."""
    r, g = c.r, c.group
    district, city = somewhere(r)
    saint = r.choice(("São Sebastião", "Santa Maria", "Santo António", "Nossa Senhora da Piedade"))
    parish = f"Junta de Freguesia de {saint} ({city})"
    slur = "ciganos fora" if g.key == "roma" else f"{g.people_pt} fora"
    pt = (f"A {parish} vem participar que em {d_pt(c.facts)} apareceram inscrições com as "
          f"palavras «{slur}» e símbolos nazis nas paredes do bairro onde vivem várias famílias "
          f"{g.origin_pt}. As inscrições foram fotografadas e removidas pelos serviços. "
          "Desconhece-se a autoria.")
    reporter = PartyData(role="complainant", kind="public_entity", name=parish,
                         email=f"geral@jf-{ascii_lower(city).replace(' ', '')}.pt")
    community = PartyData(role="victim", name=f"Famílias {g.origin_pt} do bairro",
                          victim_kind="community")
    return Story("neighbourhood", "j", district, city, pt, None, [natural(None)],
                 origin="participacao", reporter=reporter, victims=[community], evidence="png")


def labour(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = somewhere(r)
    firm = r.choice(("Hotel Mar Azul, Lda.", "Restaurante O Galeão", "Limpezas Brilho Total, Lda.",
                     "Herdade do Vale Verde", "Construções Irmãos Neves, Lda."))
    pt = (f"Trabalho na empresa {firm}, em {city}, desde 2023. Em {d_pt(c.facts)} o encarregado "
          f"disse-me à frente de todos que os {g.people_pt} «só servem para limpar» e desde então "
          "dão-me os piores turnos e pagam-me menos do que aos colegas portugueses com as mesmas "
          "funções.")
    return Story("labour", None, district, city, pt, None, [legal(firm)])


def sport(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = somewhere(r)
    club = r.choice(("Grupo Desportivo", "Sporting Clube", "Atlético Clube", "União Desportiva"))
    player = g.person(r, "male")
    pt = (f"No jogo de juniores de {d_pt(c.facts)}, em {city}, adeptos da equipa da casa "
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
                                   f"Comando Distrital da PSP de {label('district', district)}"))
    victim = PartyData(role="victim", name=player.name, sex="male", victim_kind="individual")
    return Story("sport", "j", district, city, pt, None,
                 [natural(None), legal(f"{club} de {city}")], origin=origin, reporter=reporter,
                 victims=[victim])


def cafe(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = somewhere(r)
    pt = (f"No dia {d_pt(c.facts)} estava com amigos numa esplanada em {city} quando um homem "
          f"de uma mesa ao lado começou a dizer alto que os {g.people_pt} «estão a tomar conta "
          "disto» e que «é preciso limpar o país». Quando lhe pedimos que parasse, atirou-nos um "
          "copo e ameaçou esperar por nós à saída. O dono do café nada fez.")
    return Story("social_private_life", None, district, city, pt, None,
                 [natural(person(r).name if r.random() < 0.3 else None)],
                 witnesses=maybe_witness(r, 0.5))


def culture(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = somewhere(r)
    pt = (f"Em {d_pt(c.facts)}, no festival de verão de {city}, os seguranças impediram a "
          f"entrada a um grupo de jovens {g.origin_pt} que tinham bilhete comprado, dizendo que "
          "«a organização não quer problemas». Jovens de outras origens entraram com os mesmos "
          "bilhetes.")
    return Story("other", "h", district, city, pt, None,
                 [legal(f"Associação Festival de Verão de {city}")], origin="denuncia",
                 victims=[PartyData(role="victim", name="Grupo de jovens", victim_kind="group")])


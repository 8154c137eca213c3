"""Stories of public services: schools, health centres, buses, offices, a municipality."""

from __future__ import annotations

from cicdr.demo.places import somewhere
from cicdr.demo.stories.base import (
    Ctx,
    Story,
    d_en,
    d_pt,
    legal,
    maybe_witness,
    natural,
)
from cicdr.services.intake.registration import PartyData


def school(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = somewhere(r)
    school = f"Escola Básica n.º {r.randint(1, 4)} de {city}"
    child = g.person(r)
    son = "o meu filho" if child.sex == "male" else "a minha filha"
    if g.key == "roma":
        reason = "«os meninos ciganos faltam muito e estragam a turma»"
    elif g.key == "ukrainian":
        reason = "«não temos professores para alunos que não falam português»"
    else:
        reason = "que «já têm demasiados estrangeiros»"
    pt = (f"Em {d_pt(c.facts)} tentei matricular {son} {child.name.split()[0]} no "
          f"{r.choice(('1.º', '5.º', '7.º'))} ano na {school}. A secretaria disse que não havia "
          "vagas, mas na mesma semana matricularam duas crianças portuguesas que chegaram depois. "
          f"Uma funcionária acabou por me dizer que a diretora não quer mais alunos {g.origin_pt} "
          f"e explicou {reason}.")
    victim = PartyData(role="victim", name=child.name, sex=child.sex, victim_kind="individual")
    return Story("education", "f", district, city, pt, None,
                 [legal(f"Agrupamento de Escolas de {city}", "public_entity")], victims=[victim])


def school_class(c: Ctx) -> Story:
    r = c.r
    district, city = somewhere(r, r.choice(("lisboa", "setubal", "porto", "faro", "beja", "braga")))
    pt = (f"Na Escola Básica de {city}, desde o início do ano letivo (em {d_pt(c.facts)} "
          "soubemos), as crianças ciganas foram todas postas numa turma à parte, com horário só "
          "de tarde e sem as atividades de enriquecimento curricular das outras turmas. Os pais "
          "pediram explicações e a escola respondeu que «é melhor para todos».")
    community = PartyData(role="victim", name="Crianças ciganas da escola", victim_kind="group")
    return Story("education", "g", district, city, pt, None,
                 [legal(f"Agrupamento de Escolas de {city}", "public_entity")],
                 origin="denuncia", victims=[community])


def health(c: Ctx) -> Story:
    r = c.r
    district, city = somewhere(r, r.choice(("lisboa", "lisboa", "beja", "faro", "setubal",
                                             "porto")))
    unit = f"Centro de Saúde de {city}"
    pt = (f"No dia {d_pt(c.facts)} fui ao {unit} com febre alta e dores fortes. A rececionista "
          "recusou inscrever-me porque eu ainda não tenho autorização de residência, apesar de "
          "eu mostrar o comprovativo de pedido na AIMA, e disse «vão todos para a vossa terra "
          "tratar-se». Acabei por ir às urgências do hospital no dia seguinte.")
    en = (f"On {d_en(c.facts)} I went to the {unit} with a high fever and strong pain. The "
          "receptionist refused to register me because I do not have a residence permit yet, "
          "although I showed the receipt of my application at AIMA, and said 'you should all go "
          "back to your country to be treated'. I had to go to the hospital emergency room the "
          "next day.")
    return Story("health", "e", district, unit, pt, en,
                 [legal(f"Unidade Local de Saúde ({unit})", "public_entity")])


def bus(c: Ctx) -> Story:
    r, g = c.r, c.group
    district, city = somewhere(r)
    line = r.randint(700, 799) if district == "lisboa" else r.randint(1, 99)
    reason = ("disse que «ciganos não entram no meu autocarro»" if g.key == "roma" else
              f"disse que «{g.people_pt} vão a pé»")
    pt = (f"No dia {d_pt(c.facts)} estava na paragem da carreira {line} em {city} com "
          f"{'os meus filhos' if r.random() < 0.5 else 'a minha mãe'}. O motorista abriu a porta, "
          f"olhou para nós, {reason} e fechou a porta. Os outros passageiros na paragem entraram "
          "pela porta de trás.")
    en = (f"On {d_en(c.facts)} I was at the stop of bus line {line} in {city} with my family. "
          "The driver opened the door, looked at us, said we could not get on and closed the door "
          "again. The other people at the stop got on through the back door.")
    operator = r.choice(("Transportes Urbanos da Margem Sul, S.A.", "Rodoviária do Litoral, Lda.",
                         "Autocarros Metropolitanos do Norte, S.A."))
    return Story("transport", "a", district, f"Paragem da carreira {line}, {city}", pt, en,
                 [legal(operator), natural(None)], witnesses=maybe_witness(r, 0.3))


def public_service(c: Ctx) -> Story:
    r = c.r
    district, city = somewhere(r)
    office = r.choice((f"Loja do Cidadão de {city}", f"Serviço de Finanças de {city}",
                       f"Serviços da Segurança Social de {city}", f"Balcão da AIMA em {city}"))
    pt = (f"No dia {d_pt(c.facts)} fui ao {office} tratar de um documento. Quando o funcionário "
          "percebeu que eu não falava bem português, recusou-se a atender-me, disse «aqui fala-se "
          "português, se não sabe não venha» e chamou o segurança para me levar até à porta, "
          "embora eu tivesse senha e estivesse acompanhada de uma amiga que podia traduzir.")
    en = (f"On {d_en(c.facts)} I went to the {office} to deal with a document. When the clerk "
          "realised that I did not speak Portuguese well he refused to serve me, said 'here we "
          "speak Portuguese, if you don't, don't come' and called the security guard to walk me "
          "to the door, although I had a ticket and a friend with me who could translate.")
    return Story("public_services", "i", district, office, pt, en,
                 [legal(office, "public_entity"), natural(None)],
                 extra_grounds=[("language", "não falar português")])


def municipality(c: Ctx) -> Story:
    r = c.r
    district, city = somewhere(r, r.choice(("lisboa", "setubal", "faro", "beja", "evora",
                                             "santarem")))
    pt = (f"Em {d_pt(c.facts)} a Câmara Municipal de {city} demoliu as barracas onde viviam "
          "seis famílias ciganas, sem aviso prévio e sem qualquer alternativa de alojamento, "
          "enquanto famílias não ciganas do mesmo acampamento foram realojadas em habitação "
          "social. A junta de freguesia recusa-se a passar atestados de residência às famílias.")
    victims = [PartyData(role="victim", name="Seis famílias ciganas do acampamento",
                         victim_kind="group")]
    return Story("local_authorities", "i", district, city, pt, None,
                 [legal(f"Câmara Municipal de {city}", "public_entity")], victims=victims)


"""What staff, complainants and other bodies write along the paths: questions and answers,
reminders, referral summaries and answers, reasons, defences, proposals, and the instructor's
accusation and decision texts."""

from __future__ import annotations

import random
from datetime import date

from cicdr.demo.complaint import Made
from cicdr.models import Proceeding, ProceedingRespondent
from cicdr.services.documents.formats import date_pt, label, practice_norm, practice_text
from workflows import sanctions

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


def entity_for(r: random.Random, made: Made) -> str:
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


def answer_text(body: str, outcome: str) -> str:
    """What `body` answered to a referral, by outcome."""
    if body == "mp":
        return MP_ANSWERS[outcome]
    return OTHER_ANSWERS.get(outcome, "Resposta recebida.")


def external_reference(r: random.Random, body: str, day: date) -> str:
    """The reference the body gave the referral (an NUIPC for the prosecutor)."""
    yy = day.year % 100
    if body == "mp":
        return (f"NUIPC {r.randint(100, 9999)}/{yy}.{r.randint(0, 9)}"
                f"{r.choice(('T9LSB', 'PBAMD', 'PAPRT', 'T9FAR', 'PBSXL', 'GBODM'))}")
    if body == "igai":
        return f"IGAI-{day.year}/{r.randint(1, 2400):04d}"
    return f"{body.upper()}/{day.year}/{r.randint(100, 9999)}"


def proposal(p: Proceeding, decisions: dict[str, sanctions.ProposedDecision]) -> str:
    """The report's proposal, one decision per respondent."""
    words = {"admonition": "admoestação", "dismissal": "arquivamento"}
    parts = []
    for respondent in p.respondents:
        d = decisions[str(respondent.id)]
        what = (f"coima de {sanctions.format_eur(d.amount)}" if d.outcome == "fine" and d.amount
                else words.get(d.outcome, d.outcome))
        parts.append(f"{respondent.name}: {what}")
    return "Propõe-se: " + "; ".join(parts) + "."



def accusation_texts(p: Proceeding, respondent: ProceedingRespondent) -> dict[str, str]:
    """The facts charged and the norms an instructor writes for `respondent`."""
    c = p.complaints[0]
    practice = (f"praticou {practice_text(c.practice)}" if c.practice
                else "praticou ato discriminatório")
    grounds = ", ".join(label(g.ground, "ground").lower() for g in c.grounds) or "origem racial"
    facts = (f"Em {date_pt(c.facts_date)}, em {c.place or label(c.district, 'district')}, "
             f"{respondent.name} {practice}, em razão de {grounds} da pessoa visada, "
             f"conforme participado na queixa n.º {c.reference}.")
    article = 1 if respondent.person == "natural" else 2
    norm = practice_norm(c.practice) if c.practice else \
        "n.º 2 do artigo 4.º da Lei n.º 93/2017, de 23 de agosto"
    return {"facts_charged": facts,
            "norms": f"{norm[:1].upper()}{norm[1:]}; n.º {article} do artigo 16.º da mesma lei."}


REASONS = {
    "fine": "A conduta preenche os elementos da contraordenação imputada. A defesa não "
            "apresentou prova que afaste os factos; a coima foi graduada atendendo à gravidade "
            "da infração, à culpa e à situação económica do(a) arguido(a).",
    "admonition": "A conduta preenche os elementos da contraordenação, mas a reduzida gravidade "
                  "da infração e da culpa justificam a admoestação (artigo 51.º do RGCO).",
    "dismissal": "A prova reunida não permite imputar os factos ao(à) arguido(a) com a "
                 "segurança exigida; impõe-se o arquivamento.",
}


def decision_texts(p: Proceeding, respondent: ProceedingRespondent,
                   outcome: str) -> dict[str, str]:
    """The facts proven and not proven, the evidence and the reasons of a decision."""
    charged = accusation_texts(p, respondent)["facts_charged"]
    proven = charged if outcome != "dismissal" else "Que a queixa foi apresentada à CICDR."
    return {"facts_proven": proven,
            "facts_not_proven": "" if outcome != "dismissal" else charged,
            "evidence": "Queixa e documentos que a acompanham; respostas das entidades "
                        "oficiadas; defesa escrita do(a) arguido(a), quando apresentada.",
            "reasons": REASONS.get(outcome, REASONS["fine"])}

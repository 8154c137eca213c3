"""Stories of hate online and in the media: posts against a community, harassing comments."""

from __future__ import annotations

import random

from cicdr.demo.people import person
from cicdr.demo.stories.base import (
    Ctx,
    Story,
    d_en,
    d_pt,
    legal,
    natural,
)
from cicdr.services.intake.registration import PartyData

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


def online_post(c: Ctx) -> Story:
    r, g = c.r, c.group
    platform, handle, url = _url(r)
    page = r.choice(PAGES)
    call = r.choice(("apela a que sejam expulsos do bairro", "diz que deviam ser esterilizados",
                     "incita os leitores a «fazer justiça pelas próprias mãos»",
                     "compara-os a uma praga que é preciso eliminar"))
    pt = (f"Em {d_pt(c.facts)} foi publicado no {platform}, na página «{page}», um texto que "
          f"trata os {g.people_pt} como criminosos e {call}. A publicação tem centenas de "
          "partilhas e muitos comentários com ameaças. Junto a ligação e capturas de ecrã.")
    respondent = natural(f"Perfil «@{handle}» ({platform})" if r.random() < 0.7 else None)
    community = PartyData(role="victim", name=g.community, victim_kind="community")
    return Story("internet_social_media", "j", "online", url, pt, None, [respondent],
                 origin="denuncia", victims=[community], evidence="png" if r.random() < 0.5
                 else None, online=True)


def online_comments(c: Ctx) -> Story:
    r, g, v = c.r, c.group, c.victim
    platform, handle, url = _url(r)
    slur = v.g(*g.slur)
    pt = (f"Publiquei no {platform} um vídeo sobre o meu trabalho e, desde {d_pt(c.facts)}, o "
          f"utilizador @{handle} escreve comentários a chamar-me «{slur}», a dizer que devia "
          "voltar para a minha terra e a incentivar outros a fazer o mesmo. Já bloqueei a conta "
          "mas ele criou outras. Tenho medo porque publicou a zona onde trabalho.")
    en = (f"I posted a video about my work on {platform} and since {d_en(c.facts)} the user "
          f"@{handle} has been posting comments calling me names because of my origin, saying I "
          "should go back to my country and urging others to do the same. I blocked the account "
          "but he opened new ones. I am afraid because he published where I work.")
    return Story("internet_social_media", "j", "online", url, pt, en,
                 [natural(f"Utilizador «@{handle}» ({platform})")], evidence="png", online=True)


def media(c: Ctx) -> Story:
    r, g = c.r, c.group
    outlet, owner = r.choice((("o jornal Diário da Manhã", "Diário da Manhã, S.A."),
                              ("o canal TV Norte", "TV Norte – Televisão Regional, S.A."),
                              ("a Rádio Cidade FM", "Rádio Cidade FM, Lda."),
                              ("o semanário O Observador do Sul", "Edições do Sul, Lda.")))
    author = person(r)
    pt = (f"Em {d_pt(c.facts)}, {outlet} divulgou um comentário de {author.name} em que afirma "
          f"que «os {g.people_pt} não se integram e vivem de subsídios» e que «deviam ser "
          "mandados de volta». Não houve qualquer contraditório. Considero que é um discurso que "
          "avilta toda uma comunidade.")
    return Story("traditional_media", "j", "online" if r.random() < 0.3 else "lisboa", outlet, pt,
                 None, [natural(author.name), legal(owner)],
                 origin="denuncia")


"""Story templates: what happened, told the way complainants tell it, one function per kind
of situation, grouped by where it happens. `TEMPLATES` says which fit which context and
which communities; `CONTEXT_WEIGHTS` follows the annual reports' proportions."""

from __future__ import annotations

from collections.abc import Callable

from cicdr.demo.groups import BLACK, SOUTH_ASIAN
from cicdr.demo.stories import commerce, community, online, police, public
from cicdr.demo.stories.base import Ctx, Story

Template = Callable[[Ctx], Story]

TEMPLATES: dict[str, list[tuple[Template, tuple[str, ...] | None]]] = {
    # context: [(template, groups it fits or None for any)]
    "internet_social_media": [(online.online_post, None), (online.online_comments, None)],
    "traditional_media": [(online.media, None)],
    "commerce": [(commerce.shop, None), (commerce.shop_guard, (*BLACK, "roma"))],
    "neighbourhood": [(community.neighbour, None),
                      (community.graffiti, ("roma", "cape_verdean", "angolan", "nepali",
                                            "bangladeshi", "brazilian"))],
    "social_private_life": [(community.cafe, None)],
    "labour": [(community.labour, None)],
    "education": [(public.school, None), (public.school_class, ("roma",))],
    "health": [(public.health, (*SOUTH_ASIAN, "brazilian", "angolan", "guinean", "senegalese",
                                "syrian", "ukrainian"))],
    "housing": [(commerce.housing, None)],
    "security_forces": [(police.police_psp, ("cape_verdean", "angolan", "guinean",
                                             "afro_portuguese", "roma", "brazilian")),
                        (police.police_gnr, SOUTH_ASIAN)],
    "public_services": [(public.public_service, (*SOUTH_ASIAN, "ukrainian", "syrian",
                                                 "senegalese", "brazilian"))],
    "private_services": [(commerce.private_service, (*BLACK, "brazilian"))],
    "transport": [(public.bus, ("roma", "cape_verdean", "angolan", "guinean",
                                "afro_portuguese"))],
    "local_authorities": [(public.municipality, ("roma",))],
    "sport": [(community.sport, ("cape_verdean", "angolan", "guinean", "afro_portuguese",
                                 "brazilian"))],
    "other": [(community.culture, None)],
}
# Annual-report proportions (domain.md 7), with security forces at about 15%.
CONTEXT_WEIGHTS = {"internet_social_media": 40, "traditional_media": 5, "commerce": 8,
                   "neighbourhood": 6, "social_private_life": 4, "labour": 2, "education": 4,
                   "health": 3, "housing": 5, "security_forces": 15, "public_services": 3,
                   "private_services": 3, "transport": 3, "local_authorities": 1, "sport": 2,
                   "other": 1}

__all__ = ["CONTEXT_WEIGHTS", "TEMPLATES", "Ctx", "Story", "Template"]

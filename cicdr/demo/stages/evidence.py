"""Instruction steps: hearings, and information asked of entities and inspectorates."""

from __future__ import annotations

from cicdr.demo.actions import Demo
from cicdr.demo.days import later
from cicdr.demo.scheduler import Steps
from cicdr.demo.stages.track import Track
from cicdr.demo.texts import (
    ENTITY_REQUESTS,
    INSPECTION_REQUESTS,
    INSPECTORATES,
    entity_for,
)

HEARINGS = ("Inquirição da queixosa", "Inquirição de testemunha", "Audição da vítima",
            "Junção de documentos pela queixosa")


def _ask(demo: Demo, t: Track, kind: str) -> Steps:
    """Ask an entity (or an inspectorate) and file its answer when it comes."""
    r, p = t.r, t.proceeding
    if kind == "entity":
        entity = entity_for(r, t.made)
        demo.fire(p, "request_entity_information", t.officer, t.day, entity=entity,
                  request=r.choice(ENTITY_REQUESTS))
        t.day = later(r, t.day, 5, 16)
    else:
        entity = INSPECTORATES.get(t.made.story.context, INSPECTORATES["default"])
        demo.fire(p, "request_inspection", t.officer, t.day, entity=entity,
                  request=r.choice(INSPECTION_REQUESTS))
        t.day = later(r, t.day, 12, 30)
    yield t.day
    demo.fire(p, "record_evidence", t.officer, t.day, on=t.day,
              summary=f"Resposta de {entity} recebida e junta aos autos.")


def evidence(demo: Demo, t: Track, steps: int) -> Steps:
    """`steps` instruction steps, a week or a few apart."""
    for _ in range(steps):
        t.day = later(t.r, t.day, 7, 30)
        yield t.day
        kind = t.r.choices(("entity", "inspection", "hearing"), weights=(4, 2, 4))[0]
        if kind == "hearing":
            demo.fire(t.proceeding, "record_evidence", t.officer, t.day, on=t.day,
                      summary=f"{t.r.choice(HEARINGS)}: confirma no essencial os factos "
                              "participados.")
        else:
            yield from _ask(demo, t, kind)

"""Staff workspace: lists, case pages, actions, documents. Default-deny.

One blueprint (`workspace`, under /staff, defined with its guards in `blueprint`) split by
subject into modules; each module registers its routes on it when imported here.
"""

from cicdr.views.workspace import (  # noqa: F401  (each registers its routes)
    bulk,
    cases,
    diagram,
    documents,
    duplicates,
    editing,
    history,
    incidents,
    intake,
    lists,
    messages,
    mywork,
    register,
    statistics,
)
from cicdr.views.workspace.blueprint import bp

__all__ = ["bp"]

"""`needs_dot`: skip a test that draws a diagram when Graphviz's `dot` is not installed.

The application degrades gracefully without Graphviz (the text version of the workflow stands
alone), so a fresh machine without it must still pass `make test`; CI (`.ci/run`) installs
Graphviz, so these tests run there.
"""

from __future__ import annotations

import shutil

import pytest

DOT = shutil.which("dot") is not None

needs_dot = pytest.mark.skipif(
    not DOT, reason="Graphviz `dot` is not on PATH (apt-get install graphviz; .ci/run does)")

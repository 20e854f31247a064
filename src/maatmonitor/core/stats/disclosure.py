"""Complementary suppression: hide enough extra cells that a hidden cell cannot be recovered.

Cells of one table partition a population (the categories of a domain variable); the total of
the table is published elsewhere. One hidden cell could then be recovered from the total and
the others, so while exactly one cell of a partition is hidden for disclosure (``min_n``) the
shown cell with the fewest respondents is hidden too.
"""

from __future__ import annotations

from collections.abc import Sequence

from maatmonitor.core.stats.results import Estimate


def complementary_suppression(cells: Sequence[Estimate]) -> tuple[Estimate, ...]:
    """The cells with a second cell hidden when exactly one was hidden for ``min_n``."""
    out = list(cells)
    primary = [i for i, c in enumerate(out) if c.suppressed and c.reason == "min_n"]
    hidden = [i for i, c in enumerate(out) if c.suppressed]
    if len(primary) >= 1 and len(hidden) == 1:
        shown = [i for i, c in enumerate(out) if not c.suppressed]
        if shown:
            victim = min(shown, key=lambda i: (out[i].n or 0, i))
            out[victim] = out[victim].suppress("complementary")
    return tuple(out)

"""How figures are written: percentages without decimals, means with one, Dutch or English
decimal mark, and '–' for every hidden figure (never '0')."""

from __future__ import annotations

from maatmonitor.core.stats.results import Comparison, Estimate

HIDDEN = "–"


def _num(x: float, decimals: int, lang: str) -> str:
    text = f"{x:.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text


def pct(x: float | None, lang: str = "nl") -> str:
    """0.573 -> '57%'; None -> '–'."""
    return HIDDEN if x is None else f"{_num(100 * x, 0, lang)}%"


def pp(x: float | None, lang: str = "nl") -> str:
    """An absolute difference in percentage points: 0.052 -> '5'."""
    return HIDDEN if x is None else _num(abs(100 * x), 0, lang)


def number(x: float | None, lang: str = "nl", decimals: int = 1) -> str:
    return HIDDEN if x is None else _num(x, decimals, lang)


def count(n: int | float | None, lang: str = "nl") -> str:
    if n is None:
        return HIDDEN
    text = f"{round(n):,}"
    return text.replace(",", ".") if lang == "nl" else text


def value(e: Estimate, lang: str = "nl") -> str:
    """An estimate as shown: percentage for proportions, one decimal for means."""
    if e.suppressed or e.value is None:
        return HIDDEN
    if e.measure == "proportion":
        return pct(e.value, lang)
    return number(e.value, lang)


def interval(e: Estimate, lang: str = "nl") -> str:
    """'54–60%' or '3,6–3,9'; '–' when hidden."""
    if e.suppressed or e.ci_low is None or e.ci_high is None:
        return HIDDEN
    if e.measure == "proportion":
        return f"{_num(100 * e.ci_low, 0, lang)}–{pct(e.ci_high, lang)}"
    return f"{number(e.ci_low, lang)}–{number(e.ci_high, lang)}"


def is_flagged(e: Estimate) -> bool:
    return not e.suppressed and bool(e.flags)


def direction(c: Comparison | None) -> str | None:
    """'higher', 'lower' or 'none' for a shown test; None when there is no test or it is hidden."""
    if c is None or c.suppressed or c.difference is None:
        return None
    if not c.significant:
        return "none"
    return "higher" if c.difference > 0 else "lower"

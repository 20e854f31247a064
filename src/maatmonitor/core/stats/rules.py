"""Disclosure and reliability rules: thresholds, flag and reason codes with Dutch labels.

Defaults: no figure from fewer than 10 respondents (disclosure); NCHS presentation standards
for proportions (Parker et al. 2017) as reliability flags: effective n < 30, Korn-Graubard
width >= 0.30, relative width > 130%, complement's relative width > 130%, df < 8.
"""

from __future__ import annotations

from dataclasses import dataclass

from maatmonitor.core.stats.errors import StatsInputError

# Reasons for suppression (code -> Dutch text shown to users).
REASONS = {
    "min_n": "minder dan {min_n} respondenten",
    "complementary": "verborgen om een andere verborgen cel te beschermen",
    "unreliable": "te onbetrouwbaar om te tonen",
    "not_comparable": "vraag niet vergelijkbaar tussen metingen",
    "suppressed_input": "berust op een verborgen cijfer",
}

# Reliability flags (code -> Dutch text).
FLAGS = {
    "low_effective_n": "effectieve steekproefomvang kleiner dan {min_effective_n}",
    "wide_interval": "betrouwbaarheidsinterval (Korn-Graubard) {max_kg_width:.0%} of breder",
    "wide_relative_interval": "relatieve intervalbreedte groter dan {max_relative_width:.0%}",
    "complement_wide_relative_interval": (
        "relatieve intervalbreedte van het complement groter dan {max_relative_width:.0%}"
    ),
    "few_degrees_of_freedom": "minder dan {min_df} vrijheidsgraden",
    "extreme_proportion": "percentage is 0% of 100%",
}


@dataclass(frozen=True)
class DisclosureRules:
    """Thresholds for hiding (disclosure) and flagging (reliability) figures."""

    min_n: int = 10
    min_effective_n: float = 30.0
    max_kg_width: float = 0.30
    max_relative_width: float = 1.30
    min_df: int = 8
    suppress_unreliable: bool = False

    def __post_init__(self) -> None:
        if self.min_n < 1:
            raise StatsInputError("min_n moet minstens 1 zijn")

    def reason_text(self, code: str) -> str:
        return REASONS[code].format(min_n=self.min_n)

    def flag_text(self, code: str) -> str:
        return FLAGS[code].format(
            min_effective_n=self.min_effective_n,
            max_kg_width=self.max_kg_width,
            max_relative_width=self.max_relative_width,
            min_df=self.min_df,
        )

    def proportion_flags(
        self, p: float, n_eff: float, kg: tuple[float, float], df: int
    ) -> tuple[str, ...]:
        """NCHS flags for a proportion with Korn-Graubard interval ``kg``."""
        flags: list[str] = []
        width = kg[1] - kg[0]
        if n_eff < self.min_effective_n:
            flags.append("low_effective_n")
        if width >= self.max_kg_width:
            flags.append("wide_interval")
        if p > 0 and width / p > self.max_relative_width:
            flags.append("wide_relative_interval")
        if p < 1 and width / (1 - p) > self.max_relative_width:
            flags.append("complement_wide_relative_interval")
        if df < self.min_df:
            flags.append("few_degrees_of_freedom")
        if p in (0.0, 1.0):
            flags.append("extreme_proportion")
        return tuple(flags)

    def mean_flags(self, n_eff: float, df: int) -> tuple[str, ...]:
        """Flags for a mean or total: only the sample-size rules apply."""
        flags: list[str] = []
        if n_eff < self.min_effective_n:
            flags.append("low_effective_n")
        if df < self.min_df:
            flags.append("few_degrees_of_freedom")
        return tuple(flags)


DEFAULT_RULES = DisclosureRules()
# Flags that make a figure unpublishable under NCHS when suppress_unreliable is set.
SUPPRESSING_FLAGS = frozenset({"low_effective_n", "wide_interval", "wide_relative_interval"})

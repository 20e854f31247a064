"""Reference test on a synthetic stratified, nonresponse-adjusted and raked wave (R in-run)."""

from __future__ import annotations

import numpy as np
import pytest

from maatmonitor.core.stats import DisclosureRules, SurveyDesign, estimate, estimate_by, rake
from tests.core.stats.rhelper import run_r
from tests.core.stats.synthetic import make_wave

RTOL = 1e-8
OPEN = DisclosureRules(min_n=1)

SCRIPT = """
s <- read.csv("wave.csv", stringsAsFactors = FALSE)
s$score <- ifelse(s$mens_1 == 9, NA, s$mens_1)
s$top <- as.numeric(s$overall >= 4)
pops <- function(v) { t <- read.csv(paste0("target_", v, ".csv"), stringsAsFactors = FALSE)
  names(t) <- c(v, "Freq"); t }
d <- svydesign(id = ~1, strata = ~stratum, weights = ~w0, fpc = ~N_h, data = s)
r <- rake(d, list(~stratum, ~age_band, ~outcome),
          list(pops("stratum"), pops("age_band"), pops("outcome")),
          control = list(maxit = 200, epsilon = 1e-12))
out("weights", weights(r))
m <- svymean(~score, r, na.rm = TRUE); out("mean_score", c(coef(m), SE(m)))
m <- svymean(~score, d, na.rm = TRUE); out("mean_score_unraked", c(coef(m), SE(m)))
m <- svytotal(~top, r); out("total_top", c(coef(m), SE(m)))
for (meth in c("logit", "beta")) {
  p <- svyciprop(~I(top == 1), r, method = meth); out(paste0("top_", meth), c(p, attr(p, "ci")))
}
b <- svyby(~score, ~age_band, r, svymean, na.rm = TRUE); out("by_age_score", c(b[, 2], b[, 3]))
b <- svyby(~top, ~district, r, svymean); out("by_district_top", c(b[, 2], b[, 3]))
p <- svyciprop(~I(top == 1), subset(r, journey == "wajong"), method = "logit")
out("wajong_top_logit", c(p, attr(p, "ci"), degf(subset(r, journey == "wajong"))))
"""


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    wave = make_wave(seed=11)
    work = tmp_path_factory.mktemp("synthetic")
    data = {"wave": wave.respondents}
    for var, spec in wave.targets.items():
        import pandas as pd

        data[f"target_{var}"] = pd.DataFrame({var: list(spec), "Freq": list(spec.values())})
    ref = run_r(SCRIPT, work, data)
    s = wave.respondents
    base = SurveyDesign.from_arrays(s.w0, s.stratum, s.N_h)
    margins = {v: s[v] for v in ("stratum", "age_band", "outcome")}
    raked, report = rake(base, margins, wave.targets, tolerance=1e-13)
    return s, base, raked, report, ref


def _close(ours, theirs):
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=0)


def test_weights_match_r(case):
    _, _, raked, report, ref = case
    assert report.converged
    _close(raked.weights, ref["weights"])


def test_means_totals_and_intervals_match_r(case):
    s, base, raked, _, ref = case
    score = s.mens_1.where(s.mens_1 != 9).astype(float)
    top = (s.overall >= 4).astype(float)
    for design, key in ((raked, "mean_score"), (base, "mean_score_unraked")):
        e = estimate(design, score, rules=OPEN)
        _close([e.value, e.se], ref[key])
    e = estimate(raked, top, "total", rules=OPEN)
    _close([e.value, e.se], ref["total_top"])
    for meth in ("logit", "beta"):
        e = estimate(raked, top, "proportion", ci=meth, rules=OPEN)
        _close([e.value, e.ci_low, e.ci_high], ref[f"top_{meth}"])


def test_domains_match_svyby_and_subset(case):
    s, _, raked, _, ref = case
    score = s.mens_1.where(s.mens_1 != 9).astype(float)
    top = (s.overall >= 4).astype(float)
    cells = estimate_by(raked, score, "age_band", s.age_band, rules=OPEN)
    _close([c.value for c in cells] + [c.se for c in cells], ref["by_age_score"])
    cells = estimate_by(raked, top, "district", s.district, "proportion", rules=OPEN)
    _close([c.value for c in cells] + [c.se for c in cells], ref["by_district_top"])
    e = estimate(raked, top, "proportion", domain=s.journey == "wajong", rules=OPEN)
    _close([e.value, e.ci_low, e.ci_high, e.df], ref["wajong_top_logit"])

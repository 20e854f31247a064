"""Population truth: the values a perfect survey would find, per wave, written as JSON.

Definitions (also in docs/synthetic-data.md and in the JSON's ``definitions``):
- ``strong``: share answering the overall question with a top value ("(zeer) sterk", 4 or 5).
- ``satisfied``: share grading satisfaction 7 or more.
- a unit's dimension ``score`` is the mean of its substantive answers (1..5, "weet ik niet"
  excluded) on the dimension's statements it is routed to; its ``agreement`` is the share of
  those answers in the scale's top (4, 5). ``mean_score`` and ``share_agree`` average these over
  the units with at least one substantive answer.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from maatmonitor.core.instrument import Questionnaire
from maatmonitor.core.synth import model as m
from maatmonitor.core.synth.answers import AnswerBlock, answers_by_audience

SCHEMA: Final = "maatmonitor.synth.truth/1"
GROUP_VARIABLES: Final = {
    "client": ("journey", "outcome", "age_band", "debt", "district"),
    "employer": ("journey", "size_class", "sector", "district"),
}
DEFINITIONS: Final = {
    "strong": "share with overall answer in the scale's top values ((zeer) sterk: 4, 5)",
    "satisfied": f"share with satisfaction grade {m.SATISFIED_FROM} or more",
    "mean_score": "mean over units of the mean substantive answer (1-5) on the dimension",
    "share_agree": "mean over units of the share of substantive answers that agree (4, 5)",
    "satisfaction_link": "share satisfied among units that are strong / not strong",
    "changes": "value in the wave minus value in wave 1 (proportions, 0.03 = 3 points)",
}


def _question_of_kind(q: Questionnaire, kind: str) -> str:
    ids = [x.id for x in q.questions if x.kind == kind]
    if len(ids) != 1:
        raise ValueError(f"{q.id}: expected one {kind!r} question, found {ids}")
    return ids[0]


def unit_metrics(block: AnswerBlock) -> pd.DataFrame:
    """Per unit: strong, overall, satisfied, satisfaction and per dimension score/agreement."""
    q = block.questionnaire
    overall_id = _question_of_kind(q, "overall")
    sat_id = _question_of_kind(q, "satisfaction")
    overall_scale = q.scales[str(q.question(overall_id).scale)]
    top = list(overall_scale.top) or [4, 5]
    overall = block.numeric[overall_id].astype(np.float64)
    overall[~block.routed[overall_id]] = np.nan
    grade = block.numeric[sat_id].astype(np.float64)
    grade[~block.routed[sat_id]] = np.nan
    metrics: dict[str, Any] = {
        "strong": np.where(np.isnan(overall), np.nan, np.isin(overall, top).astype(np.float64)),
        "overall": overall,
        "satisfied": np.where(np.isnan(grade), np.nan, (grade >= m.SATISFIED_FROM) * 1.0),
        "satisfaction": grade,
    }
    for dim, statements in q.statements_by_dimension().items():
        total = np.zeros(len(block.frame))
        agree = np.zeros(len(block.frame))
        count = np.zeros(len(block.frame))
        for s in statements:
            scale = q.scales[str(s.scale)]
            answers = block.numeric[s.id]
            valid = block.routed[s.id] & np.isin(answers, scale.substantive_values)
            total += np.where(valid, answers, 0)
            agree += valid & np.isin(answers, list(scale.top) or [4, 5])
            count += valid
        with np.errstate(invalid="ignore", divide="ignore"):
            metrics[f"score:{dim}"] = np.where(count > 0, total / count, np.nan)
            metrics[f"agree:{dim}"] = np.where(count > 0, agree / count, np.nan)
    return pd.DataFrame(metrics, index=block.frame.index)


def _summary(metrics: pd.DataFrame, dims: list[str]) -> dict[str, Any]:
    means = metrics.mean()
    counts = metrics.count()
    return {
        "n": len(metrics),
        "strong": float(means["strong"]),
        "overall_mean": float(means["overall"]),
        "satisfied": float(means["satisfied"]),
        "satisfaction_mean": float(means["satisfaction"]),
        "dimensions": {
            d: {
                "n": int(counts[f"score:{d}"]),
                "mean_score": float(means[f"score:{d}"]),
                "share_agree": float(means[f"agree:{d}"]),
            }
            for d in dims
        },
    }


def _items(block: AnswerBlock) -> dict[str, Any]:
    q = block.questionnaire
    result = {}
    for s in q.statements:
        scale = q.scales[str(s.scale)]
        answers = block.numeric[s.id][block.routed[s.id]]
        substantive = answers[np.isin(answers, scale.substantive_values)]
        result[s.id] = {
            "dimension": s.dimension,
            "n_routed": int(answers.size),
            "dont_know": float(1.0 - substantive.size / answers.size) if answers.size else None,
            "share_agree": float(np.isin(substantive, list(scale.top) or [4, 5]).mean())
            if substantive.size
            else None,
            "mean": float(substantive.mean()) if substantive.size else None,
        }
    return result


def _distribution(values: pd.Series) -> dict[str, float]:
    shares = values.dropna().astype(int).value_counts(normalize=True).sort_index()
    return {str(k): float(v) for k, v in shares.items()}


def audience_truth(block: AnswerBlock) -> dict[str, Any]:
    """All truth values of one audience in one wave."""
    metrics = unit_metrics(block)
    dims = list(block.questionnaire.statements_by_dimension())
    by: dict[str, dict[str, Any]] = {}
    for variable in GROUP_VARIABLES[block.questionnaire.audience]:
        levels = block.frame[variable].astype("str")
        by[variable] = {
            str(level): _summary(part, dims)
            for level, part in metrics.groupby(levels.to_numpy(), sort=True)
        }
    strong = metrics["strong"] == 1.0
    return {
        "all": _summary(metrics, dims),
        "by": by,
        "items": _items(block),
        "satisfaction_link": {
            "satisfied_if_strong": float(metrics.loc[strong, "satisfied"].mean()),
            "satisfied_if_not_strong": float(metrics.loc[~strong, "satisfied"].mean()),
        },
        "overall_distribution": _distribution(metrics["overall"]),
        "satisfaction_distribution": _distribution(metrics["satisfaction"]),
    }


@dataclass(frozen=True)
class Truth:
    """The population truth of every wave plus the model that produced it."""

    model: m.TruthModel
    waves: dict[str, dict[str, Any]]
    population: dict[str, Any]
    questionnaires: dict[str, dict[str, str]]

    def group(
        self,
        audience: str,
        wave: int = 1,
        variable: str | None = None,
        level: str | None = None,
    ) -> dict[str, Any]:
        """The summary of an audience, or of one level of a background variable in it."""
        try:
            values = self.waves[str(wave)][audience]
            if variable is None:
                return dict(values["all"])
            return dict(values["by"][variable][str(level)])
        except KeyError as exc:
            raise KeyError(
                f"no truth for wave {wave}, audience {audience!r}, {variable}={level} ({exc})"
            ) from None

    def headline(
        self,
        audience: str,
        wave: int = 1,
        variable: str | None = None,
        level: str | None = None,
    ) -> float:
        """Population share "(zeer) sterk"."""
        return float(self.group(audience, wave, variable, level)["strong"])

    def changes(self) -> dict[str, dict[str, Any]]:
        """Per later wave and audience the change against wave 1 of the headline and dimensions."""
        base = self.waves["1"]
        result: dict[str, dict[str, Any]] = {}
        for wave, values in self.waves.items():
            if wave == "1":
                continue
            result[wave] = {}
            for audience, v in values.items():
                now, then = v["all"], base[audience]["all"]
                result[wave][audience] = {
                    "strong": now["strong"] - then["strong"],
                    "satisfied": now["satisfied"] - then["satisfied"],
                    "dimensions": {
                        d: {
                            k: now["dimensions"][d][k] - then["dimensions"][d][k]
                            for k in ("mean_score", "share_agree")
                        }
                        for d in now["dimensions"]
                    },
                }
        return result

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "definitions": dict(DEFINITIONS),
            "population": self.population,
            "questionnaires": self.questionnaires,
            "waves": self.waves,
            "changes": self.changes(),
            "model": self.model.to_dict(),
        }

    def write(self, path: str | Path) -> Path:
        target = Path(path)
        target.write_text(json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n")
        return target


def write_truth(truth: Truth, path: str | Path) -> Path:
    """Write the truth as JSON (UTF-8) and return the path."""
    return truth.write(path)


def load_truth(path: str | Path) -> Truth:
    """Read a truth JSON written by :func:`write_truth`; errors name the file and the problem."""
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{source}: cannot read truth JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{source}: expected schema {SCHEMA!r}, found {found!r}")
    try:
        return Truth(
            model=m.TruthModel.from_dict(data["model"]),
            waves=data["waves"],
            population=data["population"],
            questionnaires=data["questionnaires"],
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{source}: malformed truth JSON ({exc!r})") from exc


def compute_truth(
    frame: pd.DataFrame,
    model: m.TruthModel,
    questionnaires: Mapping[str, Questionnaire],
    waves: list[int] | None = None,
) -> Truth:
    """The population truth of the frame under the model, for each wave (default: all)."""
    values: dict[str, dict[str, Any]] = {}
    for wave in waves or model.waves():
        blocks = answers_by_audience(frame, questionnaires, model, wave)
        values[str(wave)] = {aud: audience_truth(block) for aud, block in blocks.items()}
    counts = frame["audience"].astype("str").value_counts()
    n_by_audience = {str(k): int(v) for k, v in counts.items()}
    population: dict[str, Any] = {"n": n_by_audience, "n_total": len(frame)}
    used = {
        aud: {"id": q.id, "version": q.version, "content_hash": q.content_hash()}
        for aud, q in questionnaires.items()
        if aud in n_by_audience
    }
    return Truth(model, values, population, used)

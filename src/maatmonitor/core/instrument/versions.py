"""Compare two versions of a questionnaire: what was added, removed, reworded, and what stays
comparable across waves (trends use only comparable items)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from maatmonitor.core.instrument.model import Question, Questionnaire


@dataclass(frozen=True)
class VersionDiff:
    """Item ids per kind of change, in the order of the newer version (removed: older order).

    `changed` holds items whose text stayed but whose scale, scale options, answer options,
    dimension, kind or route changed; those are not comparable. `discrepancies` lists where the
    newer file's declared `changes` block disagrees with the computed difference.
    """

    old_version: str
    new_version: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    reworded: tuple[str, ...]
    changed: tuple[str, ...]
    comparable: tuple[str, ...]
    discrepancies: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.reworded or self.changed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "added": list(self.added),
            "removed": list(self.removed),
            "reworded": list(self.reworded),
            "changed": list(self.changed),
            "comparable": list(self.comparable),
            "discrepancies": list(self.discrepancies),
        }


def _measure(q: Questionnaire, item: Question) -> object:
    """What must stay equal, besides the wording, for results to be comparable."""
    scale = q.scales.get(item.scale) if item.scale else None
    return (
        item.kind,
        item.dimension,
        scale.to_dict() | {"id": None} if scale else None,  # a renamed but equal scale is fine
        tuple(o.code for o in item.options),
        item.route.to_dict() if item.route else None,
    )


def diff_versions(old: Questionnaire, new: Questionnaire) -> VersionDiff:
    """The difference from `old` to `new`. Comparable: in both, same wording (nl and en), same
    measurement, and — when the newer file declares `changes.comparable` — also declared so.
    A reworded item counts as comparable only when declared so."""
    old_ids = {item.id for item in old.questions}
    new_ids = {item.id for item in new.questions}
    added = tuple(item.id for item in new.questions if item.id not in old_ids)
    removed = tuple(item.id for item in old.questions if item.id not in new_ids)
    reworded: list[str] = []
    changed: list[str] = []
    comparable: list[str] = []
    declared = new.changes.comparable if new.changes is not None else None
    for item in new.questions:
        if item.id not in old_ids:
            continue
        before = old.question(item.id)
        same_measure = _measure(old, before) == _measure(new, item)
        if before.text != item.text:
            reworded.append(item.id)
        elif not same_measure:
            changed.append(item.id)
        if item.scale is None or not same_measure:
            continue
        # A reworded item stays comparable only when the author declares it so (e.g. a typo).
        if (before.text == item.text and declared is None) or (
            declared is not None and item.id in declared
        ):
            comparable.append(item.id)
    discrepancies = _discrepancies(old, new, added, removed, reworded, changed)
    return VersionDiff(
        old_version=old.version,
        new_version=new.version,
        added=added,
        removed=removed,
        reworded=tuple(reworded),
        changed=tuple(changed),
        comparable=tuple(comparable),
        discrepancies=discrepancies,
    )


def _discrepancies(
    old: Questionnaire,
    new: Questionnaire,
    added: tuple[str, ...],
    removed: tuple[str, ...],
    reworded: list[str],
    changed: list[str],
) -> tuple[str, ...]:
    notes: list[str] = []
    if old.id != new.id or old.audience != new.audience:
        notes.append(f"comparing {old.id} ({old.audience}) with {new.id} ({new.audience})")
    declared = new.changes
    if declared is None:
        return tuple(notes)
    if declared.previous is not None and declared.previous != old.version:
        notes.append(
            f"changes.previous is {declared.previous}, but the old version is {old.version}"
        )
    for key, actual in (("added", added), ("removed", removed), ("reworded", tuple(reworded))):
        listed = set(getattr(declared, key))
        for ident in actual:
            if ident not in listed:
                notes.append(f"{ident} is {key} but not listed in changes.{key}")
        for ident in sorted(listed - set(actual)):
            notes.append(f"changes.{key} lists {ident}, which is not {key}")
    if declared.comparable is not None:
        for ident in declared.comparable:
            if ident in changed:
                notes.append(f"changes.comparable lists {ident}, which changed since {old.version}")
    return tuple(notes)

"""Write API of the instruments app: import questionnaire versions, lock them, comment on items."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maatmonitor.core.instrument import (
    Questionnaire as CoreQuestionnaire,
)
from maatmonitor.core.instrument import (
    VersionDiff,
    diff_versions,
    load_questionnaire,
    parse_questionnaire,
)

from .constants import ItemChange, VersionStatus
from .models import Item, ItemComment, Questionnaire, QuestionnaireVersion


@dataclass(frozen=True)
class ImportResult:
    version: QuestionnaireVersion
    created: bool  # False when the identical version was already there
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reworded: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()


def core_questionnaire(version: QuestionnaireVersion) -> CoreQuestionnaire:
    """Rebuild the core questionnaire of a stored version from its YAML source."""
    return parse_questionnaire(version.source_yaml, source=f"{version} (database)")


def import_questionnaire_file(path: Path, *, user=None) -> ImportResult:
    """Validate a YAML file with core.instrument and store it as a questionnaire version."""
    questionnaire = load_questionnaire(path)
    return import_questionnaire(questionnaire, path.read_text(encoding="utf-8"), user=user)


@transaction.atomic
def import_questionnaire(q: CoreQuestionnaire, source_yaml: str, *, user=None) -> ImportResult:
    """Store a validated questionnaire version; identical re-imports are a no-op.

    A draft version may be replaced by a new import of the same version number; a version in use
    may not (ValidationError): the researcher has to raise the version number instead.
    """
    parent, _created = Questionnaire.objects.get_or_create(
        slug=q.id, defaults={"audience": q.audience, "title": q.title.nl}
    )
    if parent.audience != q.audience:
        raise ValidationError(
            _("Vragenlijst %(id)s is voor doelgroep %(old)s, niet %(new)s."),
            params={"id": q.id, "old": parent.audience, "new": q.audience},
        )
    content_hash = q.content_hash()
    existing = parent.versions.filter(version=q.version).first()
    if existing is not None:
        if existing.content_hash == content_hash:
            return ImportResult(existing, created=False)
        if existing.is_locked:
            raise ValidationError(
                _(
                    "Versie %(v)s van %(id)s is in gebruik en kan niet veranderen; geef een nieuw versienummer."
                ),
                params={"v": q.version, "id": q.id},
            )
        existing.delete()

    previous = parent.versions.order_by("-imported_at", "-pk").first()
    diff = diff_versions(core_questionnaire(previous), q) if previous else None
    version = QuestionnaireVersion.objects.create(
        questionnaire=parent,
        version=q.version,
        content_hash=content_hash,
        source_yaml=source_yaml,
        definition=q.to_dict(),
        previous=previous,
        changes=diff.to_dict() if diff else {},
        imported_by=user if user is not None and user.is_authenticated else None,
    )
    comparable = set(diff.comparable) if diff else set()
    Item.objects.bulk_create(
        Item(
            version=version,
            item_id=question.id,
            position=position,
            kind=question.kind,
            dimension=question.dimension or "",
            page=question.page or "",
            text_nl=question.text.nl,
            text_en=question.text.en,
            comparable=question.id in comparable,
            change=_change_of(question.id, diff),
        )
        for position, question in enumerate(q.questions, start=1)
    )
    if parent.title != q.title.nl:
        parent.title = q.title.nl
        parent.save(update_fields=["title"])
    return ImportResult(
        version,
        created=True,
        added=tuple(diff.added) if diff else tuple(x.id for x in q.questions),
        removed=tuple(diff.removed) if diff else (),
        reworded=tuple(diff.reworded) if diff else (),
        changed=tuple(diff.changed) if diff else (),
    )


def _change_of(item_id: str, diff: VersionDiff | None) -> str:
    if diff is None or item_id in diff.added:
        return ItemChange.ADDED
    if item_id in diff.changed:
        return ItemChange.CHANGED
    if item_id in diff.reworded:
        return ItemChange.REWORDED
    return ItemChange.UNCHANGED


@transaction.atomic
def lock_version(version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Mark a version as in use by a wave: from now on it cannot change."""
    if version.status == VersionStatus.DRAFT:
        version.status = VersionStatus.IN_USE
        version.save(update_fields=["status"])
    return version


@transaction.atomic
def add_comment(item: Item, author, text: str) -> ItemComment:
    """A council member comments on an item of a draft version."""
    if not author.has_perm("instruments.add_itemcomment"):
        raise PermissionDenied(_("U mag geen opmerkingen plaatsen."))
    if item.version.is_locked:
        raise ValidationError(_("Opmerkingen kunnen alleen bij een conceptversie."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Schrijf een opmerking."))
    return ItemComment.objects.create(item=item, author=author, text=text)

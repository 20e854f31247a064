import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maatmonitor.apps.instruments import services
from maatmonitor.apps.instruments.constants import ItemChange, VersionStatus
from maatmonitor.apps.instruments.models import Item, ItemComment, QuestionnaireVersion
from maatmonitor.core.instrument import parse_questionnaire, shipped_questionnaire_paths

pytestmark = pytest.mark.django_db


def _shipped_text(audience="client"):
    return shipped_questionnaire_paths()[audience].read_text(encoding="utf-8")


def _import_text(text, user=None):
    return services.import_questionnaire(
        parse_questionnaire(text, source="test.yaml"), text, user=user
    )


def _next_version(text, *, version="2026.2", reword=None, drop=None, comparable=()):
    """Edit the YAML text as a researcher would (a YAML round trip would turn 18_26 into 1826)."""
    text = text.replace('version: "2026.1"', f'version: "{version}"', 1)
    for item_id, new_text in (reword or {}).items():
        block = re.search(rf"  - id: {item_id}\n(?:    .*\n)+", text).group(0)
        text = text.replace(block, re.sub(r"(      nl: ).*", rf"\g<1>{new_text}", block, count=1))
    if drop:
        text = re.sub(rf"  - id: {drop}\n(?:    .*\n)+", "", text)
    if comparable:
        text += f'\nchanges:\n  previous: "2026.1"\n  comparable: [{", ".join(comparable)}]\n'
    return text


def test_import_shipped_file_stores_every_question_as_new():
    result = services.import_questionnaire_file(shipped_questionnaire_paths()["client"])
    version = result.version
    core = services.core_questionnaire(version)
    assert result.created
    assert version.status == VersionStatus.DRAFT
    assert version.content_hash == core.content_hash()
    ids = list(version.items.order_by("position").values_list("item_id", flat=True))
    assert ids == [q.id for q in core.questions]
    assert set(version.items.values_list("change", flat=True)) == {ItemChange.ADDED}
    assert not version.items.filter(comparable=True).exists()
    assert version.items.get(item_id="mens_1").dimension == "mens"


def test_identical_reimport_is_a_no_op():
    first = _import_text(_shipped_text())
    again = _import_text(_shipped_text())
    assert not again.created
    assert again.version.pk == first.version.pk
    assert QuestionnaireVersion.objects.count() == 1


def test_changed_draft_with_same_number_replaces_the_draft():
    _import_text(_shipped_text())
    changed = _shipped_text().replace(
        "UWV luistert naar mijn verhaal.", "UWV luistert goed naar mij."
    )
    result = _import_text(changed)
    assert result.created
    assert QuestionnaireVersion.objects.count() == 1
    assert Item.objects.get(item_id="mens_2").text_nl == "UWV luistert goed naar mij."


def test_version_in_use_cannot_change_by_import_or_by_save():
    version = _import_text(_shipped_text()).version
    services.lock_version(version)
    changed = _shipped_text().replace(
        "UWV luistert naar mijn verhaal.", "UWV luistert goed naar mij."
    )
    with pytest.raises(ValidationError, match="in gebruik"):
        _import_text(changed)
    version.refresh_from_db()
    version.source_yaml = changed
    with pytest.raises(ValidationError):
        version.save()


def test_new_version_records_added_removed_reworded_and_comparable_items():
    _import_text(_shipped_text())
    text = _next_version(
        _shipped_text(),
        reword={"mens_2": "UWV luistert echt naar mij."},
        drop="mens_5",
    )
    result = _import_text(text)
    v2 = result.version
    assert result.removed == ("mens_5",)
    assert result.reworded == ("mens_2",)
    assert v2.previous.version == "2026.1"
    assert v2.items.get(item_id="mens_2").change == ItemChange.REWORDED
    # A reworded item is not comparable unless the new version says so.
    assert not v2.items.get(item_id="mens_2").comparable
    unchanged = v2.items.get(item_id="mens_1")
    assert unchanged.change == ItemChange.UNCHANGED
    assert unchanged.comparable
    assert v2.changes["removed"] == ["mens_5"]


def test_reworded_item_declared_comparable_stays_in_trends():
    _import_text(_shipped_text())
    text = _next_version(
        _shipped_text(), reword={"mens_2": "UWV luistert echt naar mij."}, comparable=["mens_2"]
    )
    v2 = _import_text(text).version
    assert v2.items.get(item_id="mens_2").comparable


def test_council_member_comments_on_draft_item(council_member):
    version = _import_text(_shipped_text()).version
    item = version.items.get(item_id="mens_1")
    comment = services.add_comment(item, council_member, "  Graag een voorbeeld erbij.  ")
    assert comment.text == "Graag een voorbeeld erbij."
    assert ItemComment.objects.filter(item=item, author=council_member).count() == 1


def test_comment_rules(council_member, liaison_officer):
    version = _import_text(_shipped_text()).version
    item = version.items.get(item_id="mens_1")
    with pytest.raises(PermissionDenied):
        services.add_comment(item, liaison_officer, "Mag ik dit?")
    with pytest.raises(ValidationError):
        services.add_comment(item, council_member, "   ")
    services.lock_version(version)
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="conceptversie"):
        services.add_comment(item, council_member, "Te laat")

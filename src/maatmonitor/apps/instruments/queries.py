"""Reads of the instruments app, scoped by who is asking."""

from django.db.models import Count, Prefetch, QuerySet

from .models import ItemComment, QuestionnaireVersion


def versions_for(user) -> QuerySet[QuestionnaireVersion]:
    """Versions a user may browse: researchers all, council members the drafts."""
    qs = QuestionnaireVersion.objects.select_related("questionnaire").annotate(
        n_items=Count("items", distinct=True)
    )
    if user.has_perm("instruments.add_questionnaireversion"):
        return qs
    if user.has_perm("instruments.add_itemcomment"):
        return qs.filter(status="draft")
    return qs.none()


def comments_visible_to(user) -> QuerySet[ItemComment]:
    """Researchers see every comment; council members only their own."""
    qs = ItemComment.objects.select_related("author")
    if user.has_perm("instruments.view_itemcomment"):
        return qs
    return qs.filter(author=user)


def version_with_items(user, pk: int) -> QuestionnaireVersion:
    """A version with its items and the comments this user may see; DoesNotExist when not allowed."""
    return (
        versions_for(user)
        .prefetch_related("items", Prefetch("items__comments", queryset=comments_visible_to(user)))
        .get(pk=pk)
    )

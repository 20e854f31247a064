"""E-mail invitations and reminders: plain text plus HTML, with the personal link and opt-out link.

Name-free like the letters; the language is Dutch unless asked otherwise. The message carries a
List-Unsubscribe header with the opt-out link, so mail programs offer it as a button.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .codes import unit_codes
from .constants import InvitationKind
from .links import links_for


def message_context(wave: object, unit: object, kind: str) -> dict[str, object]:
    codes = unit_codes(unit)
    return {
        "reminder": kind == InvitationKind.REMINDER,
        "links": links_for(codes),
        "letter_code": codes.letter,
        "close_date": getattr(wave, "closes_on", None),
        "audience": getattr(wave, "audience", "client"),
        "language": translation.get_language(),
    }


def build_message(
    wave: object,
    unit: object,
    kind: str,
    *,
    language: str = "nl",
    connection: object | None = None,
) -> EmailMultiAlternatives:
    """The e-mail for one unit (not sent)."""
    with translation.override(language):
        context = message_context(wave, unit, kind)
        subject = render_to_string("fieldwork/mail/subject.txt", context).strip()
        text = render_to_string("fieldwork/mail/body.txt", context)
        html = render_to_string("fieldwork/mail/body.html", context)
    links = context["links"]
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.FIELDWORK_FROM_EMAIL,
        to=[str(getattr(unit, "email"))],  # noqa: B009
        connection=connection,
        headers={"List-Unsubscribe": f"<{links.opt_out}>"},  # type: ignore[attr-defined]
    )
    message.attach_alternative(html, "text/html")
    return message

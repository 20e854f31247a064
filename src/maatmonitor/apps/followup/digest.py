"""The daily digest: each signal handler gets the overdue and nearly-due signals of their districts."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from . import queries


def send_digests(today: date) -> int:
    """Mail every active handler with work due; returns the number of mails sent."""
    handlers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name="signal_handler")
        .exclude(email="")
    )
    sent = 0
    for user in handlers.distinct():
        signals = queries.signals_for(user)
        late, soon = queries.overdue(signals, today), queries.nearly_due(signals, today)
        if not late and not soon:
            continue
        lines = [_("Te laat:")] + [f"- {s.reference} ({s.get_status_display()})" for s in late]
        lines += ["", _("Bijna verlopen:")] + [
            f"- {s.reference} ({s.get_status_display()}, {s.next_due():%d-%m-%Y})" for s in soon
        ]
        send_mail(
            _("Signalen: %(late)d te laat, %(soon)d bijna verlopen")
            % {"late": len(late), "soon": len(soon)},
            "\n".join(lines),
            None,
            [user.email],
        )
        sent += 1
    return sent

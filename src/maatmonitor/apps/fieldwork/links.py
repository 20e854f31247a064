"""The addresses printed in invitations: a personal link (with the 128-bit code) and a short one.

The personal link opens the questionnaire directly; the short address is for typing the
letter code from a paper letter. Opt-out addresses go beside them in every e-mail and letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from .codes import UnitCodes

# The respondent pages' entry points, mounted by the respondent URLconf (apps.fieldwork.urls_respondent).
START_WITH_CODE = "respondent:resume"
CODE_ENTRY = "respondent:start"


@dataclass(frozen=True)
class Links:
    personal: str  # full URL with the personal code, for the QR code and e-mail button
    short: str  # host + path, as printed for typing, e.g. "mmm.example.nl/start"
    opt_out: str  # full URL that opts out with the personal code (asks to confirm first)
    opt_out_short: str  # host + path of the opt-out page where the letter code is typed


def _base() -> str:
    return str(settings.PUBLIC_URL).rstrip("/")


_PLACEHOLDER = "0placeholder0"
# Reversed address shapes per (URLconf, script prefix): a batch of 10,000 e-mails needs each
# shape once, not four reverses per e-mail.
_SHAPES: dict[tuple[object, str], dict[str, str]] = {}


def _shapes() -> dict[str, str]:
    key = (get_urlconf(), get_script_prefix())
    if key not in _SHAPES:
        _SHAPES[key] = {
            "personal": _path(START_WITH_CODE, _PLACEHOLDER, fallback=f"/v/{_PLACEHOLDER}/"),
            "short": _path(CODE_ENTRY, fallback="/v/"),
            "opt_out": reverse("optout:confirm", args=[_PLACEHOLDER]),
            "opt_out_short": reverse("optout:entry"),
        }
    return _SHAPES[key]


def _path(name: str, *args: str, fallback: str) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        # The respondent pages are not mounted (e.g. a staff-only deployment); keep the address
        # shape so printed letters stay valid once they are.
        return fallback


def _printable(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}".rstrip("/")


def links_for(codes: UnitCodes) -> Links:
    base, shapes = _base(), _shapes()
    return Links(
        personal=base + shapes["personal"].replace(_PLACEHOLDER, codes.personal),
        short=_printable(base + shapes["short"]),
        opt_out=base + shapes["opt_out"].replace(_PLACEHOLDER, codes.personal),
        opt_out_short=_printable(base + shapes["opt_out_short"]),
    )

"""Personal codes (>= 128 bits, for links) and short letter codes (for typing), stored only as hashes.

A unit stores a random `code_nonce`; its codes are derived from the nonce with a server key
(HMAC), so invitations and reminders can print the same code again without the database ever
holding it. The database keeps only a keyed hash of each code (HMAC with a second key derived
from the same setting): a stolen database alone reveals no code. Setting: `FIELDWORK_CODE_KEY`
(falls back to SECRET_KEY); changing it invalidates every code in the field.

Letter code: 11 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U, Z) plus a
check character (weighted sum modulo 29, a prime: every single typo and every swap of two
different neighbouring characters is caught), shown in groups of four: `K7MX-3PQA-9TWD`.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext as _

PERSONAL_CODE_BYTES = 16  # 128 bits
PERSONAL_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # RFC 4648 base32, lower case
PERSONAL_CODE_LENGTH = 26  # ceil(128 / 5)
LETTER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXY"  # 29 characters, a prime
LETTER_DATA_LENGTH = 11  # 29**11 ~ 2**53
LETTER_GROUP = 4
# Characters people type for one they see; everything else outside the alphabet is an error.
LETTER_LOOKALIKES = {"Z": "2", "U": "V"}
LETTER_SEPARATORS = " -._"

assert len(LETTER_ALPHABET) == 29


class CodeFormatError(ValueError):
    """A typed letter code that cannot be right; the message says why (in Dutch, for the page)."""


@dataclass(frozen=True)
class UnitCodes:
    """The codes of one unit, for printing in an invitation; never stored."""

    personal: str
    letter: str  # grouped, e.g. K7MX-3PQA-9TWD


def _master_key() -> bytes:
    key = getattr(settings, "FIELDWORK_CODE_KEY", "") or settings.SECRET_KEY
    return str(key).encode("utf-8")


def _subkey(purpose: str) -> bytes:
    return _subkey_of(_master_key(), purpose)


@lru_cache(maxsize=8)
def _subkey_of(master: bytes, purpose: str) -> bytes:
    return hmac.new(master, f"maatmonitor.fieldwork.{purpose}".encode(), "sha256").digest()


def new_nonce() -> str:
    """A fresh random nonce for a unit (new nonce = new codes)."""
    return secrets.token_hex(16)


def _derive(kind: str, nonce: str) -> bytes:
    return hmac.new(_subkey("derive"), f"{kind}|{nonce}".encode(), "sha256").digest()


def _base32(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _position in range(length):
        number, rest = divmod(number, 32)
        chars.append(PERSONAL_ALPHABET[rest])
    return "".join(reversed(chars))


def check_character(data: str) -> str:
    """The check character c of letter-code data such that sum of (position+1) * value over the
    whole code (data and c) is 0 modulo 29; as 29 is prime and every weight below it, any single
    changed character and any swap of two different neighbours (the check character included)
    changes the sum."""
    modulus = len(LETTER_ALPHABET)
    total = sum((i + 1) * LETTER_ALPHABET.index(c) for i, c in enumerate(data))
    weight = len(data) + 1
    return LETTER_ALPHABET[(-total * pow(weight, -1, modulus)) % modulus]


def group_letter_code(code: str) -> str:
    return "-".join(code[i : i + LETTER_GROUP] for i in range(0, len(code), LETTER_GROUP))


def codes_for_nonce(nonce: str) -> UnitCodes:
    """The personal and letter code that belong to a unit's nonce."""
    personal = _base32(_derive("personal", nonce)[:PERSONAL_CODE_BYTES], PERSONAL_CODE_LENGTH)
    number = int.from_bytes(_derive("letter", nonce), "big")
    data = []
    for _position in range(LETTER_DATA_LENGTH):
        number, rest = divmod(number, len(LETTER_ALPHABET))
        data.append(LETTER_ALPHABET[rest])
    letter = "".join(data)
    return UnitCodes(personal=personal, letter=group_letter_code(letter + check_character(letter)))


def unit_codes(unit: object) -> UnitCodes:
    """The codes of a SampleUnit (anything with `code_nonce`), for an invitation or reminder."""
    return codes_for_nonce(str(getattr(unit, "code_nonce")))  # noqa: B009


def hash_personal_code(code: str) -> str:
    return hmac.new(_subkey("hash"), f"personal|{code}".encode(), "sha256").hexdigest()


def hash_letter_code(normalised: str) -> str:
    """Hash of a letter code without separators (see normalise_letter_code)."""
    return hmac.new(_subkey("hash"), f"letter|{normalised}".encode(), "sha256").hexdigest()


def hashes_for_nonce(nonce: str) -> tuple[str, str]:
    """(code_hash, letter_code_hash) of a unit's nonce, as stored on SampleUnit."""
    codes = codes_for_nonce(nonce)
    return hash_personal_code(codes.personal), hash_letter_code(normalise_letter_code(codes.letter))


def looks_like_personal_code(text: str) -> bool:
    cleaned = text.strip().lower()
    return len(cleaned) == PERSONAL_CODE_LENGTH and all(c in PERSONAL_ALPHABET for c in cleaned)


def normalise_letter_code(text: str) -> str:
    """Upper case, separators removed, look-alikes mapped; CodeFormatError says what is wrong."""
    cleaned = "".join(c for c in text.upper() if c not in LETTER_SEPARATORS)
    cleaned = "".join(LETTER_LOOKALIKES.get(c, c) for c in cleaned)
    expected = LETTER_DATA_LENGTH + 1
    if len(cleaned) != expected:
        raise CodeFormatError(
            _("De code heeft %(expected)d tekens (zonder streepjes). U typte er %(typed)d.")
            % {"expected": expected, "typed": len(cleaned)}
        )
    wrong = sorted({c for c in cleaned if c not in LETTER_ALPHABET})
    if wrong:
        raise CodeFormatError(
            _("Deze tekens komen niet voor in de code: %(chars)s. Kijk nog eens in de brief.")
            % {"chars": " ".join(wrong)}
        )
    if check_character(cleaned[:-1]) != cleaned[-1]:
        raise CodeFormatError(_("Er zit een typefout in de code. Kijk nog eens in de brief."))
    return cleaned


def same_hash(a: str, b: str) -> bool:
    """Constant-time comparison of two stored/computed hashes."""
    return hmac.compare_digest(a.encode(), b.encode())

import itertools

import pytest
from django.test import override_settings

from maatmonitor.apps.fieldwork import codes


def test_personal_code_carries_128_bits_and_differs_per_nonce():
    seen = {codes.codes_for_nonce(codes.new_nonce()).personal for _ in range(200)}
    assert len(seen) == 200
    code = next(iter(seen))
    assert len(code) == codes.PERSONAL_CODE_LENGTH
    assert len(code) * 5 >= 128
    assert codes.looks_like_personal_code(code)


def test_codes_are_derived_from_the_nonce_and_the_key():
    nonce = codes.new_nonce()
    assert codes.codes_for_nonce(nonce) == codes.codes_for_nonce(nonce)
    with override_settings(FIELDWORK_CODE_KEY="another key"):
        other = codes.codes_for_nonce(nonce)
    assert other.personal != codes.codes_for_nonce(nonce).personal


def test_stored_hashes_do_not_contain_the_code():
    nonce = codes.new_nonce()
    unit = codes.codes_for_nonce(nonce)
    code_hash, letter_hash = codes.hashes_for_nonce(nonce)
    assert len(code_hash) == len(letter_hash) == 64
    assert unit.personal not in code_hash
    assert codes.hash_personal_code(unit.personal) == code_hash
    assert codes.hash_letter_code(codes.normalise_letter_code(unit.letter)) == letter_hash


def test_letter_code_is_grouped_and_uses_only_unambiguous_characters():
    letter = codes.codes_for_nonce(codes.new_nonce()).letter
    groups = letter.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(codes.LETTER_ALPHABET)
    assert not set("01ILOUZ") & set(codes.LETTER_ALPHABET)


def test_letter_code_typed_loosely_is_accepted():
    letter = codes.codes_for_nonce("fixed").letter
    plain = letter.replace("-", "")
    assert codes.normalise_letter_code(f" {letter.lower()} ") == plain
    assert codes.normalise_letter_code(" ".join(letter.split("-"))) == plain


@pytest.mark.parametrize("nonce", ["fixed", "other", "third", "fourth"])
def test_check_character_catches_every_single_typo_and_neighbour_swap(nonce):
    plain = codes.normalise_letter_code(codes.codes_for_nonce(nonce).letter)
    for i, replacement in itertools.product(range(len(plain)), codes.LETTER_ALPHABET):
        if replacement == plain[i]:
            continue
        typo = plain[:i] + replacement + plain[i + 1 :]
        with pytest.raises(codes.CodeFormatError):
            codes.normalise_letter_code(typo)
    for i in range(len(plain) - 1):
        if plain[i] == plain[i + 1]:
            continue
        swapped = plain[:i] + plain[i + 1] + plain[i] + plain[i + 2 :]
        with pytest.raises(codes.CodeFormatError):
            codes.normalise_letter_code(swapped)


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [("ABC", "12 tekens"), ("AAAA-AAAA-AAA1", "komen niet voor"), ("", "12 tekens")],
)
def test_malformed_letter_codes_say_what_is_wrong(typed, fragment):
    with pytest.raises(codes.CodeFormatError, match=fragment):
        codes.normalise_letter_code(typed)


def test_weighted_sum_of_every_issued_code_is_zero_modulo_29():
    for _ in range(100):
        plain = codes.normalise_letter_code(codes.codes_for_nonce(codes.new_nonce()).letter)
        values = [codes.LETTER_ALPHABET.index(c) for c in plain]
        assert sum((i + 1) * v for i, v in enumerate(values)) % 29 == 0


def test_constant_time_comparison_is_used_for_hashes():
    assert codes.same_hash("ab" * 32, "ab" * 32)
    assert not codes.same_hash("ab" * 32, "ac" * 32)

"""Contact persons' phone and e-mail: masked for roles that do not need them, views logged (SEC-2)."""

import pytest

from csc.customers.rules import masked_email, masked_phone

# --- the masking rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138-****-5678"),
        ("+86 138 1234 5678", "+86 1** **** 5678"),
        ("021-55550001", "021-****0001"),
        ("55550001", "******01"),
        ("8001", "**01"),
        ("12", "**"),
        ("wx: zhang88", "*** *******"),
        ("  13812345678 ", "138****5678"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_phone_number_keeps_its_prefix_and_last_digits_only(phone, shown):
    assert masked_phone(phone) == shown


@pytest.mark.parametrize(
    ("email", "shown"),
    [
        ("zhang.san@kehu.example.cn", "z***@kehu.example.cn"),
        ("a@kehu.example.cn", "***@kehu.example.cn"),
        ("@kehu.example.cn", "***@kehu.example.cn"),
        ("not-an-address", "n***"),
        ("", ""),
        (None, ""),
    ],
)
def test_an_email_keeps_its_first_letter_and_domain_only(email, shown):
    assert masked_email(email) == shown

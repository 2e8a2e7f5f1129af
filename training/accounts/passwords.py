"""Password policy (pure): at least 8 characters, not a common password, not the e-mail.

Following OWASP ASVS 6.2: no composition rules, long passphrases welcome (up to 256
characters, Vietnamese included), and the 30,000 most common passwords refused (the list
ships with the pinned ``zxcvbn`` package) together with common Vietnamese ones.
"""

from functools import lru_cache

from training.core.messages import N_
from training.core.text import fold, nfc

MIN_LENGTH = 8
MAX_LENGTH = 256
VIETNAMESE_COMMON = (
    "matkhau", "matkhau1", "matkhau123", "matkhau@123", "anhyeuem", "emyeuanh", "vietnam",
    "vietnam123", "iloveyou", "123456789", "12345678", "1234567890", "khongbiet", "abc12345",
    "hanoi123", "saigon123", "admin123", "quantri", "quantri123", "nguoiphatngon",
)


@lru_cache(maxsize=1)
def _common_passwords():
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"]) | frozenset(VIETNAMESE_COMMON)


def password_problem(password, email=""):
    """Return a message id explaining why ``password`` is refused, or ``None`` if it is fine."""
    password = nfc(password or "")
    if len(password) < MIN_LENGTH:
        return N_("The password must have at least 8 characters.")
    if len(password) > MAX_LENGTH:
        return N_("The password must have at most 256 characters.")
    folded = fold(password)
    if folded in _common_passwords() or password.lower() in _common_passwords():
        return N_("This password is too common. Choose another one, for example a short sentence.")
    local_part = (email or "").split("@")[0].lower()
    if local_part and folded.replace(".", "") in (local_part, local_part.replace(".", "")):
        return N_("The password must not be your e-mail address.")
    if len(set(password)) < 3:
        return N_("This password is too easy to guess.")
    return None

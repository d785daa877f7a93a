"""Password policy and hashing: argon2, at least 12 characters, nothing common or easy to guess (zxcvbn)."""
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from zxcvbn import zxcvbn

from bridge.core.errors import N_, ValidationFailed

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", it rejects common passwords, words, repeats and sequences


def hasher() -> PasswordHasher:
    """Return the argon2 hasher (the suite configures cheaper parameters to run fast)."""
    return PasswordHasher(**current_app.config.get("PASSWORD_HASH_PARAMS", {}))


@lru_cache(maxsize=8)
def _dummy_hash(params: tuple) -> str:
    return PasswordHasher(**dict(params)).hash("no account has this password")


def dummy_hash() -> str:
    """Return a hash made with the app's parameters, to verify against when there is no account."""
    return _dummy_hash(tuple(sorted(current_app.config.get("PASSWORD_HASH_PARAMS", {}).items())))


def verify(stored: str | None, password: str) -> bool:
    """Return whether the password matches; without a stored hash, do the same work and return False."""
    try:
        return hasher().verify(stored or dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def check_password(password: str, user_inputs=()) -> None:
    """Raise ValidationFailed unless the password is long enough and hard to guess."""
    if len(password) < MIN_LENGTH:
        raise ValidationFailed(N_("The password must have at least %(n)s characters."), field="password",
                               n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise ValidationFailed(N_("The password must have at most %(n)s characters."), field="password",
                               n=MAX_LENGTH)
    inputs = [str(value) for value in user_inputs if value]
    if zxcvbn(password, user_inputs=inputs)["score"] < MIN_SCORE:
        raise ValidationFailed(N_("This password is too common or too easy to guess. Please choose another one, "
                                  "for example a short sentence of unrelated words."), field="password")

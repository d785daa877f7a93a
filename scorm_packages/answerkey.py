"""The answer key as the page carries it: a salted hash per question, feedback sealed by the key.

The runtime grades a question by hashing the chosen options and comparing; it can show the
option feedback only once it knows the key (the learner's right answer, or a search over the
few option subsets after the last attempt). Nothing in the page names the correct options in
plain text, but a determined learner with the browser's developer tools can still run that
search: a SCORM quiz can never be fully secret (see README, "Using Moodle's quiz as the gate").
"""
from __future__ import annotations

import base64
import hashlib

from .model import Module, Question


def package_salt(module: Module, lang: str) -> str:
    """Return the salt of a package: fixed for the same quiz, so builds stay byte-identical."""
    quiz = module.translation(lang).quiz.path.read_bytes()
    return _sha(f"qser-salt:{module.id}:{lang}:{_sha(quiz.decode('utf-8'))}")[:16]


def secret(salt: str, question: Question) -> str:
    """Return the string the question's hash and sealed feedback derive from."""
    return f"{salt}:{question.id}:{','.join(map(str, question.correct_indexes))}"


def seal(text: str, key: str) -> str:
    """Return `text` XORed with a SHA-256 keystream of `key`, in base64."""
    data = text.encode("utf-8")
    stream = b"".join(hashlib.sha256(f"{key}:{block}".encode()).digest()
                      for block in range((len(data) + 31) // 32))
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, stream))).decode("ascii")


def encoded_quiz(module: Module, lang: str) -> dict:
    """Return what the runtime needs to grade the quiz: salt, attempts, hash and sealed feedback."""
    salt = package_salt(module, lang)
    questions = {}
    for question in module.translation(lang).quiz.questions:
        key = secret(salt, question)
        questions[question.id] = {"h": _sha(key),
                                  "f": [seal(option.feedback, key) for option in question.options]}
    return {"salt": salt, "attempts": module.attempts, "questions": questions}


def _sha(text: str) -> str:
    """Return the hex SHA-256 of `text`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

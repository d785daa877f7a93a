"""No built package holds its answer key in plain text; the sealed key opens with the right answer."""
import base64
import hashlib
import html
import io
import re
import zipfile

import pytest

from scorm_packages import STANDARDS, build_package, load_modules
from scorm_packages.answerkey import encoded_quiz, package_salt, secret

from .helpers import FIXTURE_OER, REAL_OER

MODULES = load_modules(REAL_OER) + load_modules(FIXTURE_OER)
PACKAGES = [(m, lang, std) for m in MODULES for lang in m.languages for std in STANDARDS]
PLAIN_KEY = re.compile(r"data-(correct|right|answer|key)\b|\b(correct|right)=", re.I)


def page_texts(data: bytes) -> list[str]:
    """Return the HTML documents of a package zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".html")]


@pytest.mark.parametrize(("module", "lang", "standard"), PACKAGES,
                         ids=[f"{m.id}-{lang}-{std}" for m, lang, std in PACKAGES])
def test_built_package_has_no_plain_answer_key(module, lang, standard):
    pages = "\n".join(page_texts(build_package(module, lang, standard)))
    assert not PLAIN_KEY.search(pages)
    for question in module.translation(lang).quiz.questions:
        for option in question.options:
            if len(option.feedback) > 20:  # short ones ("Correct.") are also interface texts
                assert option.feedback not in pages and html.escape(option.feedback) not in pages
    assert 'id="qser-key"' in pages


def open_sealed(sealed: str, key: str) -> str:
    """Undo answerkey.seal (what the runtime does in JavaScript)."""
    data = base64.b64decode(sealed)
    stream = b"".join(hashlib.sha256(f"{key}:{i}".encode()).digest() for i in range(len(data) // 32 + 1))
    return bytes(a ^ b for a, b in zip(data, stream)).decode("utf-8")


def test_hash_matches_only_the_key_and_feedback_opens_with_it(fixture_module):
    salt = package_salt(fixture_module, "de")
    encoded = encoded_quiz(fixture_module, "de")
    assert encoded["attempts"] == 3
    for question in fixture_module.translation("de").quiz.questions:
        entry = encoded["questions"][question.id]
        assert entry["h"] == hashlib.sha256(secret(salt, question).encode()).hexdigest()
        wrong = f"{salt}:{question.id}:{len(question.options) - 1}"
        assert hashlib.sha256(wrong.encode()).hexdigest() != entry["h"] or \
            question.correct_indexes == (len(question.options) - 1,)
        opened = [open_sealed(sealed, secret(salt, question)) for sealed in entry["f"]]
        assert opened == [option.feedback for option in question.options]


def test_attempts_come_from_module_yaml(oer_copy):
    from .helpers import MODULE_DIR, edit

    edit(oer_copy / MODULE_DIR / "module.yaml", "mastery_score: 75", "mastery_score: 75\nattempts: 5")
    (module,) = load_modules(oer_copy)
    assert encoded_quiz(module, "en")["attempts"] == 5

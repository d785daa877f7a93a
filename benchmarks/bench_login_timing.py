"""Time failed logins for an existing and an unknown e-mail with production argon2 settings; print the medians.

Login must not tell which addresses have accounts: both medians should be within a few per cent.
Run with `make bench`.
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bridge import create_app  # noqa: E402
from bridge.extensions import db  # noqa: E402

ROUNDS = 15


def _time_ms(client, email: str) -> float:
    start = time.perf_counter()
    client.post("/login", data={"email": email, "password": "a wrong password here"})
    return (time.perf_counter() - start) * 1000


def _medians(client, emails: tuple) -> list[float]:
    """Return the median time per address, the addresses taking turns so load changes hit both alike."""
    times = {email: [] for email in emails}
    for _ in range(ROUNDS):
        for email in emails:
            times[email].append(_time_ms(client, email))
    return [statistics.median(times[email]) for email in emails]


def main() -> None:
    from flask_migrate import upgrade

    from bridge.modules.accounts.operations import set_password
    from bridge.modules.people.operations import create_person

    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": "bench", "INSTANCE_PATH": folder, "WTF_CSRF_ENABLED": False,
                          "RATELIMIT_ENABLED": False, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/b.sqlite"})
        with app.app_context():
            upgrade()
            person = create_person(None, {"first_name": "Bench", "last_name": "Mark", "email": "bench@example.org",
                                          "languages": [], "roles": ["mentee"]})
            set_password(person, "a long bench password 2026")
            db.session.commit()
        client = app.test_client()
        _time_ms(client, "warm@example.org")
        known, unknown = _medians(client, ("bench@example.org", "nobody@example.org"))
    print(f"failed login, existing e-mail: {known:.0f} ms median; unknown e-mail: {unknown:.0f} ms median "
          f"(difference {abs(known - unknown) / max(known, unknown) * 100:.0f} %, {ROUNDS} rounds each)")


if __name__ == "__main__":
    main()

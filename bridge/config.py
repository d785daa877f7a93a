"""Settings read from the environment (QSER_*), with safe development defaults."""
import os
import re
import secrets
from pathlib import Path

ENV_KEYS = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
    "MOODLE_URL": "MOODLE_URL",
    "MOODLE_TOKEN": "MOODLE_TOKEN",
    "MAIL_BACKEND": "MAIL_BACKEND",
    "MAIL_SERVER": "MAIL_SERVER",
    "MAIL_PORT": "MAIL_PORT",
    "MAIL_USERNAME": "MAIL_USERNAME",
    "MAIL_PASSWORD": "MAIL_PASSWORD",
    "MAIL_USE_TLS": "MAIL_USE_TLS",
    "MAIL_SENDER": "MAIL_SENDER",
    "BASE_URL": "BASE_URL",
    "STORAGE_DIR": "STORAGE_DIR",
    "STORAGE_BACKEND": "STORAGE_BACKEND",
    "S3_BUCKET": "S3_BUCKET",
    "S3_PREFIX": "S3_PREFIX",
    "S3_ENDPOINT_URL": "S3_ENDPOINT_URL",
    "S3_REGION": "S3_REGION",
    "OER_DIR": "OER_DIR",
    "ORGANISATION_NAME": "ORGANISATION_NAME",
    "ORGANISATION_LOGO": "ORGANISATION_LOGO",
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "LOGIN_RATE_LIMIT": "LOGIN_RATE_LIMIT",
    "MOODLE_MENTORING_COURSE": "MOODLE_MENTORING_COURSE",
    "MOODLE_TANDEM_FORUM": "MOODLE_TANDEM_FORUM",
    "MOODLE_PROGRAMME_FORUM": "MOODLE_PROGRAMME_FORUM",
    "APPLY_RATE_LIMIT": "APPLY_RATE_LIMIT",
    "APPLY_ATTEMPT_LIMIT": "APPLY_ATTEMPT_LIMIT",
    "APPLY_MIN_SECONDS": "APPLY_MIN_SECONDS",
    "APPLY_CV_MAX_BYTES": "APPLY_CV_MAX_BYTES",
    "APPLICATION_RETENTION_DAYS": "APPLICATION_RETENTION_DAYS",
    "EVALUATION_DURATION_MONTHS": "EVALUATION_DURATION_MONTHS",
    "UPLOAD_MAX_BYTES": "UPLOAD_MAX_BYTES",
    "REMINDER_PAIR_DAYS": "REMINDER_PAIR_DAYS",
    "REMINDER_COORDINATOR_DAYS": "REMINDER_COORDINATOR_DAYS",
    "COORDINATORS_READ_MESSAGES": "COORDINATORS_READ_MESSAGES",
    "LTI_KEY_GRACE_DAYS": "LTI_KEY_GRACE_DAYS",
    "LTI_JWKS_CACHE_SECONDS": "LTI_JWKS_CACHE_SECONDS",
    "LTI_JWKS_REFETCH_COOLDOWN": "LTI_JWKS_REFETCH_COOLDOWN",
    "LTI_CLOCK_SKEW_SECONDS": "LTI_CLOCK_SKEW_SECONDS",
    "LTI_IFRAME_COOKIES": "LTI_IFRAME_COOKIES",
    "REMEMBER_DAYS": "REMEMBER_DAYS",
    "PROXY_COUNT": "PROXY_COUNT",
    "FRAME_ANCESTORS": "FRAME_ANCESTORS",
    "ACCOUNT_LOGIN_RATE_LIMIT": "ACCOUNT_LOGIN_RATE_LIMIT",
    "REDIS_URL": "REDIS_URL",
    "JOB_QUEUE": "JOB_QUEUE",
    "FIGURE_CACHE_SECONDS": "FIGURE_CACHE_SECONDS",
    "LOG_FORMAT": "LOG_FORMAT",
    "LOG_LEVEL": "LOG_LEVEL",
    "TRAINING_GATE": "TRAINING_GATE",
}
INT_KEYS = {"MAIL_PORT", "APPLY_MIN_SECONDS", "APPLY_CV_MAX_BYTES", "APPLICATION_RETENTION_DAYS",
            "UPLOAD_MAX_BYTES", "REMINDER_PAIR_DAYS", "REMINDER_COORDINATOR_DAYS",
            "EVALUATION_DURATION_MONTHS", "LTI_KEY_GRACE_DAYS", "LTI_JWKS_CACHE_SECONDS",
            "LTI_JWKS_REFETCH_COOLDOWN", "LTI_CLOCK_SKEW_SECONDS", "REMEMBER_DAYS", "PROXY_COUNT",
            "FIGURE_CACHE_SECONDS"}
BOOL_KEYS = {"MAIL_USE_TLS", "COORDINATORS_READ_MESSAGES", "LTI_IFRAME_COOKIES"}
LIST_KEYS = {"FRAME_ANCESTORS"}
ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


class ConfigError(RuntimeError):
    """The service cannot start with this configuration."""


def defaults(instance_path: str) -> dict:
    """Return the development defaults."""
    return {
        "ENV_NAME": os.environ.get("QSER_ENV", "development"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(instance_path) / 'qser.sqlite'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {},  # idle connections are checked before use: bridge.core.db
        "MAIL_BACKEND": "file",
        "MAIL_SERVER": "localhost",
        "MAIL_PORT": 25,
        "MAIL_USE_TLS": False,
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        "MAIL_SENDER": "Q-SER Bridge <no-reply@localhost>",
        "BASE_URL": "http://127.0.0.1:5000",
        "STORAGE_DIR": str(Path(instance_path) / "storage"),
        "STORAGE_BACKEND": "local",
        "S3_BUCKET": None,
        "S3_PREFIX": "",
        "S3_ENDPOINT_URL": None,
        "S3_REGION": None,
        "OER_DIR": str(Path(__file__).resolve().parent.parent / "oer"),
        "ORGANISATION_NAME": "Q-SER Bridge",
        "ORGANISATION_LOGO": None,
        "MOODLE_URL": None,
        "MOODLE_TOKEN": None,
        "RATELIMIT_STORAGE_URI": "memory://",
        "LOGIN_RATE_LIMIT": "10 per minute",
        "ACCOUNT_LOGIN_RATE_LIMIT": "5 per minute;20 per hour",
        "REMEMBER_DAYS": 30,
        "PROXY_COUNT": 0,
        "FRAME_ANCESTORS": [],
        "INVITE_VALID_DAYS": 7,
        "RESET_VALID_HOURS": 24,
        "LANGUAGES": ["en", "de"],
        "BABEL_DEFAULT_LOCALE": "en",
        "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "BOOTSTRAP_SERVE_LOCAL": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "MOODLE_MENTORING_COURSE": None,
        "MOODLE_TANDEM_FORUM": None,  # forum id (separate groups) for the tandems' private discussions
        "MOODLE_PROGRAMME_FORUM": None,  # forum id (open) for good practices and Q&A answers
        "UPLOAD_MAX_BYTES": 10 * 1024 * 1024,
        "REMINDER_PAIR_DAYS": 30,
        "REMINDER_COORDINATOR_DAYS": 45,
        "COORDINATORS_READ_MESSAGES": False,
        "EVALUATION_DURATION_MONTHS": 6,
        "APPLY_RATE_LIMIT": "5 per hour",
        "APPLY_ATTEMPT_LIMIT": "60 per hour",
        "APPLY_MIN_SECONDS": 5,
        "APPLY_CV_MAX_BYTES": 5 * 1024 * 1024,
        "APPLICATION_RETENTION_DAYS": 180,
        # LTI 1.3 single sign-on (docs/lti.md)
        "LTI_KEY_GRACE_DAYS": 7,
        "LTI_JWKS_CACHE_SECONDS": 3600,
        "LTI_JWKS_REFETCH_COOLDOWN": 10,
        "LTI_CLOCK_SKEW_SECONDS": 60,
        "LTI_IFRAME_COOKIES": False,
        # Production service (docs/operations.md)
        "REDIS_URL": None,
        "JOB_QUEUE": "qser",
        "JOB_RETRY_INTERVALS": [30, 300, 1800],
        "LOG_FORMAT": None,
        "LOG_LEVEL": "INFO",
        # Which result passes an OER module for mentor eligibility: scorm, quiz or scorm_or_quiz
        # (docs/moodle-sync.md, "Using Moodle's quiz as the gate").
        "TRAINING_GATE": "scorm_or_quiz",
    }


def from_environ(environ=os.environ) -> dict:
    """Return the settings given as QSER_* environment variables."""
    out = {}
    for key, setting in ENV_KEYS.items():
        value = environ.get(f"QSER_{key}")
        if value is None or value == "":
            continue
        if key in INT_KEYS:
            value = int(value)
        elif key in BOOL_KEYS:
            value = value.lower() in {"1", "true", "yes", "on"}
        elif key in LIST_KEYS:
            value = value.replace(",", " ").split()
        out[setting] = value
    return out


TRAINING_GATES = ("scorm", "quiz", "scorm_or_quiz")


def check_training_gate(config: dict) -> None:
    """Refuse to start with a TRAINING_GATE the eligibility rule does not know."""
    if config.get("TRAINING_GATE") not in TRAINING_GATES:
        raise ConfigError(f"QSER_TRAINING_GATE must be one of {', '.join(TRAINING_GATES)} "
                          f"(got {config.get('TRAINING_GATE')!r}).")


def require_base_url(config: dict, environ=os.environ) -> None:
    """Refuse to run in production without an explicit public address (links in mails, LTI)."""
    if not (config.get("BASE_URL") or environ.get("QSER_BASE_URL")):
        raise ConfigError("QSER_BASE_URL must be set in production (the public https:// address).")


def ensure_secret_key(config: dict, instance_path: str) -> str:
    """Return the secret key; in development create and keep one in instance/."""
    if config.get("SECRET_KEY"):
        return config["SECRET_KEY"]
    if config.get("ENV_NAME") == "production":
        raise ConfigError("QSER_SECRET_KEY must be set in production (QSER_ENV=production).")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def check_frame_ancestors(origins: list[str]) -> list[str]:
    """Return the origins allowed to frame the service (Moodle, for LTI), refusing anything but origins."""
    for origin in origins:
        if not ORIGIN.fullmatch(origin):
            raise ConfigError(f"QSER_FRAME_ANCESTORS: {origin!r} is not an origin like https://moodle.example.org")
    return list(origins)

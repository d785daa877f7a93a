"""Moodle settings (QSER_MOODLE_*) for the sync and the web app, with messages that say what to set.

One place reads them: the Flask app's config (MOODLE_URL, MOODLE_TOKEN, ...) first, the
environment as fallback; `moodle_settings()` and `MoodleSettings.client()` are the one factory.
"""
import os
from dataclasses import dataclass, field
from functools import lru_cache

from sync.exceptions import MoodleConfigError

HELP = {
    "QSER_MOODLE_URL": "the Moodle site's base URL, e.g. https://moodle.example.org",
    "QSER_MOODLE_TOKEN": "the web-service token of the Q-SER service user",
    "QSER_MOODLE_COURSES": "comma-separated course ids or shortnames of the OER course(s), "
                           "e.g. QSER-OER",
    "QSER_MOODLE_ACTIVITIES": "(optional: found in the courses otherwise) module-id=cmid pairs "
                              "for the OER activities, e.g. multiculturalism=11,diversity=12",
}
ALL_NEEDS = ("url", "token", "courses")
# The companion role each Moodle role setting is for, and its default (5 = student).
ROLE_SETTINGS = {"mentee": ("QSER_MOODLE_ROLE_MENTEE", 5), "mentor": ("QSER_MOODLE_ROLE_MENTOR", 5),
                 "coordinator": ("QSER_MOODLE_ROLE_COORDINATOR", 4),
                 "external": ("QSER_MOODLE_ROLE_EXTERNAL", 5)}
# Settings the web app may hold in its config under the name without the QSER_ prefix.
OTHER_SETTINGS = ("QSER_MOODLE_SCORE_SHARE", "QSER_MOODLE_QUIZZES", "QSER_MOODLE_BATCH_SIZE", "QSER_MOODLE_CONCURRENCY", "QSER_MOODLE_TIMEOUT",
                  "QSER_MOODLE_AUTH", "QSER_MOODLE_MENTORING_COURSE", "QSER_MOODLE_STUDENT_ROLE_ID",
                  *(name for name, _ in ROLE_SETTINGS.values()))


@lru_cache(maxsize=1)
def oer_modules():
    """Return the ids of the OER modules in oer/ (module.yaml), in course order."""
    from scorm_packages.content import load_modules

    return tuple(module.id for module in load_modules())


def _int(env, name, default, problems, minimum=1):
    """Read a positive integer variable, recording a problem when it is malformed."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < minimum:
        problems.append(f"{name} must be an integer >= {minimum} (got {raw!r})")
        return default
    return int(raw)


def _percent(env, name, default, problems):
    """Read a percentage (0-100), recording a problem when it is malformed."""
    value = _int(env, name, default, problems, minimum=0)
    if value > 100:
        problems.append(f"{name} must be a percentage from 0 to 100 (got {value})")
        return default
    return value


def parse_activities(raw, problems, name="QSER_MOODLE_ACTIVITIES"):
    """Parse 'module-id=cmid,...' into {module_id: cmid}, recording problems."""
    mapping = {}
    for part in filter(None, (p.strip() for p in raw.split(","))):
        module, _, cmid = part.partition("=")
        module, cmid = module.strip(), cmid.strip()
        if module not in oer_modules():
            problems.append(f"{name}: unknown module {module!r} "
                            f"(known: {', '.join(oer_modules())})")
        elif not cmid.isdigit():
            problems.append(f"{name}: {module} needs a numeric course-module id")
        else:
            mapping[module] = int(cmid)
    return mapping


@dataclass(frozen=True)
class MoodleSettings:
    """Everything the sync needs to know about the Moodle site."""

    url: str
    token: str = field(repr=False)
    courses: tuple = ()
    activities: dict = field(default_factory=dict)
    batch_size: int = 50
    concurrency: int = 4
    role_ids: dict = field(default_factory=lambda: {r: d for r, (_, d) in ROLE_SETTINGS.items()})
    timeout: float = 30.0
    score_share: int = 20
    quizzes: dict = field(default_factory=dict)
    auth: str = "manual"
    mentoring_course: str = ""

    @classmethod
    def from_app(cls, app, needs=ALL_NEEDS, env=None):
        """Read the settings from app.config (MOODLE_URL, ...), each falling back to QSER_*."""
        env = os.environ if env is None else env
        names = (*HELP, *OTHER_SETTINGS)
        merged = {name: str(app.config.get(name[len("QSER_"):]) or env.get(name) or "")
                  for name in names}
        return cls.from_env(merged, needs)

    @classmethod
    def from_env(cls, env=None, needs=ALL_NEEDS):
        """Read QSER_MOODLE_* variables; raise MoodleConfigError naming exactly what to set."""
        env = os.environ if env is None else env
        problems = []
        values = {name: env.get(name, "").strip() for name in HELP}
        missing = [n for n in HELP if n.split("_")[-1].lower() in needs and not values[n]]
        url = values["QSER_MOODLE_URL"].rstrip("/")
        if url and not url.startswith(("http://", "https://")):
            problems.append(f"QSER_MOODLE_URL must start with http:// or https:// (got {url!r})")
        activities = parse_activities(values["QSER_MOODLE_ACTIVITIES"], problems)
        settings = cls(
            url=url, token=values["QSER_MOODLE_TOKEN"],
            courses=tuple(c.strip() for c in values["QSER_MOODLE_COURSES"].split(",") if c.strip()),
            activities=activities,
            batch_size=_int(env, "QSER_MOODLE_BATCH_SIZE", 50, problems),
            concurrency=_int(env, "QSER_MOODLE_CONCURRENCY", 4, problems),
            role_ids=_role_ids(env, problems),
            timeout=float(_int(env, "QSER_MOODLE_TIMEOUT", 30, problems)),
            score_share=_percent(env, "QSER_MOODLE_SCORE_SHARE", 20, problems),
            quizzes=parse_activities(env.get("QSER_MOODLE_QUIZZES", ""), problems,
                                     "QSER_MOODLE_QUIZZES"),
            auth=env.get("QSER_MOODLE_AUTH", "").strip() or "manual",
            mentoring_course=env.get("QSER_MOODLE_MENTORING_COURSE", "").strip())
        if missing or problems:
            raise MoodleConfigError(config_message(missing, problems))
        return settings

    def client(self, **overrides):
        """Create the MoodleClient these settings describe."""
        from sync.client import MoodleClient
        options = {"timeout": self.timeout, "concurrency": self.concurrency,
                   "batch_size": min(self.batch_size, 200)}
        options.update(overrides)
        return MoodleClient(self.url, self.token, **options)


def _role_ids(env, problems):
    """Return the Moodle role id per companion role (QSER_MOODLE_ROLE_*; students by default)."""
    student = _int(env, "QSER_MOODLE_STUDENT_ROLE_ID", 5, problems)
    return {role: _int(env, name, student if default == 5 else default, problems)
            for role, (name, default) in ROLE_SETTINGS.items()}


def moodle_settings(needs=ALL_NEEDS):
    """Return the Moodle settings of the current Flask app (environment as fallback)."""
    from flask import current_app

    return MoodleSettings.from_app(current_app, needs)


def config_message(missing, problems):
    """Return the message listing variables to set and values to fix."""
    lines = ["Moodle sync is not configured."]
    lines += [f"  set {name}: {HELP[name]}" for name in missing]
    lines += [f"  fix {problem}" for problem in problems]
    return "\n".join(lines)

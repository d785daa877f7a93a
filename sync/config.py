"""Moodle sync settings from the environment (QSER_MOODLE_*), with messages that say what to set."""
import os
from dataclasses import dataclass, field

from sync.exceptions import MoodleConfigError

OER_MODULES = ("multiculturalism", "diversity", "intercultural-communication")
HELP = {
    "QSER_MOODLE_URL": "the Moodle site's base URL, e.g. https://moodle.example.org",
    "QSER_MOODLE_TOKEN": "the web-service token of the Q-SER service user",
    "QSER_MOODLE_COURSES": "comma-separated course ids or shortnames of the OER course(s), "
                           "e.g. QSER-OER",
    "QSER_MOODLE_ACTIVITIES": "module-id=cmid pairs for the OER activities, e.g. "
                              "multiculturalism=11,diversity=12,intercultural-communication=13",
}
ALL_NEEDS = ("url", "token", "courses", "activities")


def _int(env, name, default, problems, minimum=1):
    """Read a positive integer variable, recording a problem when it is malformed."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < minimum:
        problems.append(f"{name} must be an integer >= {minimum} (got {raw!r})")
        return default
    return int(raw)


def parse_activities(raw, problems):
    """Parse 'module-id=cmid,...' into {module_id: cmid}, recording problems."""
    mapping = {}
    for part in filter(None, (p.strip() for p in raw.split(","))):
        module, _, cmid = part.partition("=")
        module, cmid = module.strip(), cmid.strip()
        if module not in OER_MODULES:
            problems.append(f"QSER_MOODLE_ACTIVITIES: unknown module {module!r} "
                            f"(known: {', '.join(OER_MODULES)})")
        elif not cmid.isdigit():
            problems.append(f"QSER_MOODLE_ACTIVITIES: {module} needs a numeric course-module id")
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
    batch_size: int = 100
    concurrency: int = 4
    student_role_id: int = 5
    timeout: float = 30.0
    auth: str = "manual"

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
            batch_size=_int(env, "QSER_MOODLE_BATCH_SIZE", 100, problems),
            concurrency=_int(env, "QSER_MOODLE_CONCURRENCY", 4, problems),
            student_role_id=_int(env, "QSER_MOODLE_STUDENT_ROLE_ID", 5, problems),
            timeout=float(_int(env, "QSER_MOODLE_TIMEOUT", 30, problems)),
            auth=env.get("QSER_MOODLE_AUTH", "").strip() or "manual")
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


def config_message(missing, problems):
    """Return the message listing variables to set and values to fix."""
    lines = ["Moodle sync is not configured."]
    lines += [f"  set {name}: {HELP[name]}" for name in missing]
    lines += [f"  fix {problem}" for problem in problems]
    return "\n".join(lines)

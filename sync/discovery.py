"""Find the SCORM activities of our OER packages in the configured courses.

An activity is ours when its package is one the bridge serves: an auto-updated activity's
reference is the package URL `.../oer/<module>/<lang>/<standard>.zip`; an uploaded package keeps
its file name `<module>-<lang>-<standard>.zip` (as the bridge names downloads).
"""
import re
from dataclasses import dataclass, field

from sync.config import oer_modules

URL_PACKAGE = re.compile(r"/oer/(?P<module>[a-z0-9-]+)/(?P<lang>[a-z]{2})/[a-z0-9]+\.zip$")
FILE_PACKAGE = re.compile(r"(?:^|/)(?P<module>[a-z0-9-]+)-(?P<lang>[a-z]{2})-scorm[a-z0-9]*\.zip$")


@dataclass(frozen=True)
class FoundActivity:
    """A SCORM activity holding one of our packages."""

    module: str
    lang: str
    cmid: int
    courseid: int
    name: str


@dataclass
class Discovery:
    """What the sync found: module -> activities, and which modules are missing or ambiguous."""

    found: dict = field(default_factory=dict)
    configured: dict = field(default_factory=dict)

    @property
    def activities(self):
        """Return {module: cmid} to pull: configured ones, else the single activity found."""
        chosen = {m: acts[0].cmid for m, acts in self.found.items() if len(acts) == 1}
        return {**chosen, **self.configured}

    @property
    def missing(self):
        """Return the modules with no activity (and none configured)."""
        return [m for m in oer_modules() if not self.found.get(m) and m not in self.configured]

    @property
    def ambiguous(self):
        """Return {module: activities} for modules found more than once (and not configured)."""
        return {m: acts for m, acts in self.found.items()
                if len(acts) > 1 and m not in self.configured}

    def summary(self):
        """Return a JSON-able list of every module's outcome (for the run and the admin page)."""
        rows = [{"module": m, "cmid": c, "status": "configured"}
                for m, c in self.configured.items()]
        for module, acts in self.found.items():
            if module in self.configured:
                continue
            status = "found" if len(acts) == 1 else "ambiguous"
            rows += [{"module": module, "cmid": a.cmid, "lang": a.lang, "course": a.courseid,
                      "name": a.name, "status": status} for a in acts]
        return rows + [{"module": m, "cmid": None, "status": "missing"} for m in self.missing]

    def problems(self):
        """Return one message per missing or ambiguous module, saying what to do."""
        lines = [f"no SCORM activity of module {m!r} found in the configured course(s): add the "
                 f"package (e.g. by URL /oer/{m}/<lang>/scorm12.zip) or set QSER_MOODLE_ACTIVITIES"
                 for m in self.missing]
        for module, acts in self.ambiguous.items():
            where = ", ".join(f"cmid {a.cmid} ({a.lang}, course {a.courseid})" for a in acts)
            lines.append(f"module {module!r} is in {len(acts)} activities ({where}); set "
                         f"QSER_MOODLE_ACTIVITIES={module}=<cmid> to choose the one to read")
        return lines


def package_of(scorm):
    """Return (module, lang) of one mod_scorm_get_scorms_by_courses entry, or None if not ours."""
    for text, pattern in ((scorm.get("reference") or "", URL_PACKAGE),
                          (scorm.get("reference") or "", FILE_PACKAGE),
                          (scorm.get("packageurl") or "", FILE_PACKAGE)):
        match = pattern.search(text)
        if match and match["module"] in oer_modules():
            return match["module"], match["lang"]
    return None


def discover(client, courseids, configured=None):
    """Return the Discovery of our SCORM activities in the courses (one call for all courses)."""
    result = Discovery(configured=dict(configured or {}))
    for scorm in client.courses.scorms(courseids):
        package = package_of(scorm)
        if package:
            found = FoundActivity(package[0], package[1], int(scorm["coursemodule"]),
                                  int(scorm["course"]), scorm.get("name") or "")
            result.found.setdefault(found.module, []).append(found)
    return result

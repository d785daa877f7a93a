"""The packaging standards this package can produce."""
from __future__ import annotations

STANDARDS = ("scorm12", "scorm2004", "imscp", "imscc")
SCORM_STANDARDS = ("scorm12", "scorm2004")
DEFAULT_STANDARD = "scorm12"
LABELS = {
    "scorm12": "SCORM 1.2",
    "scorm2004": "SCORM 2004 4th Edition",
    "imscp": "IMS Content Packaging 1.1.4",
    "imscc": "IMS Common Cartridge 1.1",
}


def check_standard(standard: str) -> str:
    """Return `standard` if known, else raise ValueError listing the known ones."""
    if standard not in STANDARDS:
        raise ValueError(f"unknown standard {standard!r}; choose one of {', '.join(STANDARDS)}")
    return standard


def is_scorm(standard: str) -> bool:
    """Return whether `standard` is a SCORM standard with an LMS runtime."""
    return standard in SCORM_STANDARDS

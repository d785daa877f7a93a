"""Site information and the capability probe (core_webservice_get_site_info)."""
from dataclasses import dataclass

from sync.client import BATCH_FUNCTION
from sync.exceptions import MoodleCapabilityError
from sync.managers.base import Manager


@dataclass(frozen=True)
class SiteInfo:
    """What the token can see of the site: release, web-service user and allowed functions."""

    sitename: str
    release: str
    version: str
    userid: int
    functions: frozenset

    @property
    def can_batch(self):
        """Tell whether many calls can travel in one tool_mobile_call_external_functions request."""
        return BATCH_FUNCTION in self.functions


class SiteManager(Manager):
    """core_webservice_get_site_info and the probe built on it."""

    def info(self):
        """Return the site information for the token."""
        body = self.call("core_webservice_get_site_info")
        return SiteInfo(sitename=body.get("sitename", ""), release=body.get("release", ""),
                        version=str(body.get("version", "")), userid=int(body.get("userid", 0)),
                        functions=frozenset(f["name"] for f in body.get("functions", [])))

    def probe(self, required):
        """Check the token's service offers every required function; set the client's batching."""
        info = self.info()
        missing = set(required) - info.functions
        if missing:
            raise MoodleCapabilityError(missing)
        self.client.site_info = info
        if self.client.batching is None:
            self.client.batching = info.can_batch
        return info

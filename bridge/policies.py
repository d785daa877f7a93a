"""Import every domain's permission policies so that `bridge.core.permissions.can` knows them all."""
from bridge.modules.agreements import util as agreements_util  # noqa: F401
from bridge.modules.community import util as community_util  # noqa: F401
from bridge.modules.evaluation import util as evaluation_util  # noqa: F401
from bridge.modules.externals import util as externals_util  # noqa: F401
from bridge.modules.mentordb import util as mentordb_util  # noqa: F401
from bridge.modules.mentoring import util as mentoring_util  # noqa: F401
from bridge.modules.pairing import util as pairing_util  # noqa: F401
from bridge.modules.people import util as people_util  # noqa: F401
from bridge.modules.shadowing import util as shadowing_util  # noqa: F401

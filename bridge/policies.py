"""Import every domain's permission policies, and the facts the tandem state machine's guards ask for."""
from bridge.modules.agreements.operations import period as agreements_period  # noqa: F401
from bridge.modules.agreements import util as agreements_util  # noqa: F401
from bridge.modules.community import util as community_util  # noqa: F401
from bridge.modules.evaluation import util as evaluation_util  # noqa: F401
from bridge.modules.evaluation.operations import schedule as evaluation_schedule  # noqa: F401
from bridge.modules.externals import util as externals_util  # noqa: F401
from bridge.modules.mentordb import util as mentordb_util  # noqa: F401
from bridge.modules.mentoring import util as mentoring_util  # noqa: F401
from bridge.modules.pairing import util as pairing_util  # noqa: F401
from bridge.modules.people import util as people_util  # noqa: F401
from bridge.modules.shadowing import util as shadowing_util  # noqa: F401

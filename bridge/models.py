"""Import every model so that SQLAlchemy's metadata (and Alembic) sees the whole schema."""
from bridge.core.audit import AuditEvent  # noqa: F401
from bridge.modules.accounts.models import Account, OneTimeToken  # noqa: F401
from bridge.modules.admin.models import SyncRun  # noqa: F401
from bridge.modules.people.models import Person, PersonRole  # noqa: F401
from bridge.modules.training.models import TrainingRecord  # noqa: F401

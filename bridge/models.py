"""Import every model so that SQLAlchemy's metadata (and Alembic) sees the whole schema."""
from bridge.core.audit import AuditEvent  # noqa: F401
from bridge.core.exports import ExportFile  # noqa: F401
from bridge.modules.accounts.models import Account, OneTimeToken  # noqa: F401
from sync.models import SyncRun  # noqa: F401
from sync.forums import ForumTask  # noqa: F401
from bridge.modules.pairing.models import (  # noqa: F401
    MatchExclusion, MatchPin, MatchProposal, MatchRun, MenteeProfile, MentorConflict, MentorProfile, Pair,
    PairTransition, ProcedureItem,
)
from bridge.modules.people.models import Person, PersonRole  # noqa: F401
from bridge.modules.training.models import TrainingExemption, TrainingRecord  # noqa: F401
from bridge.modules.community.models import (  # noqa: F401
    Answer, GoodPractice, GoodPracticeReuse, GoodPracticeReview, Question, QuestionTag, Scenario, Tag, Workshop,
    WorkshopParticipant, WorkshopScenario,
)
from bridge.modules.agreements.models import (  # noqa: F401
    Agreement, AgreementScan, AgreementSignature, AgreementTemplate, AgreementVersion,
)
from bridge.modules.mentoring.models import (  # noqa: F401
    Document, MentorCandidate, MentoringSession, Message, ReminderLog,
)
from bridge.modules.externals.models import (  # noqa: F401
    ApplicationComment, ApplicationQuestion, ApplicationTemplate, ExternalApplication, TandemAdviser,
)
from bridge.modules.shadowing.models import JobShadowingActivity  # noqa: F401
from bridge.modules.evaluation.models import (  # noqa: F401
    EvaluationAnswer, EvaluationForm, EvaluationResponse,
)
from bridge.modules.lti.models import LtiLaunch, LtiLoginState, LtiPlatform, LtiToolKey  # noqa: F401
from bridge.modules.cycles.models import ComplaintFigure, Cycle, CycleCandidate  # noqa: F401

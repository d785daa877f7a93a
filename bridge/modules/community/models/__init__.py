"""Community models: Q&A, good practices, workshops and scenarios."""
from bridge.modules.community.models.practices import (  # noqa: F401
    GoodPractice, GoodPracticeReuse, GoodPracticeReview, PracticeState,
)
from bridge.modules.community.models.qa import Answer, Question, QuestionTag, Tag, TagKind  # noqa: F401
from bridge.modules.community.models.workshops import (  # noqa: F401
    Scenario, Workshop, WorkshopParticipant, WorkshopScenario,
)

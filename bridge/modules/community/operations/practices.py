"""Good-practice operations: write, submit, review, mark as reused, search."""
import sqlalchemy as sa
from sqlalchemy import or_

from bridge.core import audit
from bridge.core.auth import is_coordinator
from bridge.core.competences import competence_keys
from bridge.core.db import db
from bridge.core.errors import N_, Conflict, ValidationFailed
from bridge.core.permissions import require
from bridge.modules.community import util
from bridge.core.textsearch import contains_text, ulower
from bridge.modules.community.models import GoodPractice, GoodPracticeReuse, GoodPracticeReview, PracticeState
from bridge.modules.community.models.practices import TEMPLATE_FIELDS
from bridge.modules.community.operations.forum_posts import post_practice

EDITABLE = ("title", "kind", "department", "competences") + TEMPLATE_FIELDS
PUBLIC_STATES = (PracticeState.PUBLISHED, PracticeState.REUSED)


def _apply(practice: GoodPractice, data: dict) -> None:
    unknown = set(data.get("competences") or []) - set(competence_keys())
    if unknown:
        raise ValidationFailed(N_("Unknown competence: %(keys)s"), field="competences",
                               keys=", ".join(sorted(unknown)))
    if data.get("kind", "practice") not in util.KIND_LABELS:
        raise ValidationFailed(N_("Choose a good practice or a case study."), field="kind")
    for name in EDITABLE:
        if name in data:
            setattr(practice, name, data[name])


def create_practice(author, data: dict, workshop=None) -> GoodPractice:
    """Start a good practice as a draft."""
    require(author, "create", GoodPractice, util.POST_DENIED)
    practice = GoodPractice(author_id=author.id, competences=[], state=PracticeState.DRAFT,
                            workshop_id=workshop.id if workshop is not None else None)
    _apply(practice, data)
    db.session.add(practice)
    db.session.flush()
    audit.record(author, "practice.created", practice, practice.title)
    return practice


def check_editable(actor, practice: GoodPractice) -> None:
    """Raise Conflict unless the practice is a draft or the actor a coordinator."""
    if practice.state != PracticeState.DRAFT and not is_coordinator(actor):
        raise Conflict(N_("Only drafts can be changed. A coordinator can return it to you as a draft."))


def update_practice(actor, practice: GoodPractice, data: dict) -> GoodPractice:
    """Change a draft (its author) or any practice (a coordinator)."""
    require(actor, "edit", practice, util.CHANGE_DENIED)
    check_editable(actor, practice)
    _apply(practice, data)
    db.session.flush()
    audit.record(actor, "practice.updated", practice, practice.title)
    return practice


def submit_practice(actor, practice: GoodPractice) -> None:
    """Send a draft to the coordinators for review."""
    require(actor, "edit", practice, util.CHANGE_DENIED)
    if practice.state != PracticeState.DRAFT:
        raise Conflict(N_("Only drafts can be submitted."))
    missing = [f for f in ("context", "challenge", "approach", "outcome") if not getattr(practice, f).strip()]
    if missing:
        raise ValidationFailed(N_("Fill in context, challenge, approach and outcome before submitting."))
    practice.state = PracticeState.SUBMITTED
    db.session.flush()
    audit.record(actor, "practice.submitted", practice, practice.title)


def review_practice(actor, practice: GoodPractice, publish: bool, comment: str) -> GoodPracticeReview:
    """Publish a submitted practice, or return it to its author as a draft with a comment."""
    require(actor, "review", practice, util.CHANGE_DENIED)
    if practice.state != PracticeState.SUBMITTED:
        raise Conflict(N_("Only submitted practices can be reviewed."))
    if not publish and not comment.strip():
        raise ValidationFailed(N_("Say what should change when you return a practice."), field="comment")
    practice.state = PracticeState.PUBLISHED if publish else PracticeState.DRAFT
    review = GoodPracticeReview(practice=practice, reviewer_id=actor.id, comment=comment.strip(),
                                decision="published" if publish else "returned")
    db.session.add(review)
    db.session.flush()
    audit.record(actor, f"practice.{review.decision}", practice, practice.title)
    if publish:
        post_practice(practice)
    return review


def mark_reused(person, practice: GoodPractice, note: str) -> GoodPracticeReuse:
    """Record that the person applied a published practice, with a short note."""
    require(person, "reuse", practice, util.POST_DENIED)
    if not practice.is_public:
        raise Conflict(N_("Only published practices can be marked as applied."))
    if any(r.person_id == person.id for r in practice.reuses):
        raise Conflict(N_("You have already said that you applied this practice."), field="note")
    reuse = GoodPracticeReuse(practice=practice, person_id=person.id, note=note.strip())
    practice.state = PracticeState.REUSED
    db.session.add(reuse)
    db.session.flush()
    audit.record(person, "practice.reused", practice, practice.title)
    return reuse


def search_practices(text: str = "", competence: str = "", department: str = ""):
    """Return a select statement for the published practices matching text, competence and department."""
    stmt = db.select(GoodPractice).where(GoodPractice.state.in_(PUBLIC_STATES))
    if text.strip():
        columns = [GoodPractice.title] + [getattr(GoodPractice, f) for f in TEMPLATE_FIELDS]
        stmt = stmt.where(or_(*(contains_text(c, text) for c in columns)))
    if competence:
        stmt = stmt.where(sa.cast(GoodPractice.competences, sa.String).contains(f'"{competence}"', autoescape=True))
    if department.strip():
        stmt = stmt.where(ulower(GoodPractice.department) == department.strip().lower())
    return stmt.order_by(GoodPractice.updated_at.desc(), GoodPractice.id.desc())


def practices_of(person):
    """Return a select statement for the person's own practices that are not yet public."""
    return (db.select(GoodPractice).where(GoodPractice.author_id == person.id,
                                          GoodPractice.state.not_in(PUBLIC_STATES))
            .order_by(GoodPractice.updated_at.desc()))


def awaiting_review():
    """Return a select statement for practices waiting for a coordinator."""
    return db.select(GoodPractice).where(GoodPractice.state == PracticeState.SUBMITTED).order_by(GoodPractice.id)

"""The event catalogue: every system event (audit log, tandem history, timeline) is stored as a code with parameters
and rendered here, in the reader's language.

Recording stays one call, `audit.record(actor, "code", obj, subject, **params)`; a tandem's state change takes
`event="code", event_params={...}` (`pairing.transition`). The sentence of a code is looked up in EVENTS when the
page is drawn, so a German reader sees "Vereinbarung Version 4 unterschrieben" for an event recorded while the
coordinator worked in English. Parameters:

- `subject`: the name or title the event is about (the audit event's summary: a person, a practice, a tandem's
  names); stored as typed, never translated.
- any other parameter from the event's details; a parameter named in VALUE_KINDS (a tandem state, ...) is a code
  whose label a domain registers with `register_labels` and is translated when rendered.

A code missing from the catalogue, or a parameter missing from an old row, never breaks a page: the code is shown
as a readable fallback and a missing parameter as "…". tests/bridge/core/test_events.py checks that every code
recorded in the source is in the catalogue and translated.
"""
from collections.abc import Mapping
from datetime import date

from flask_babel import gettext

from bridge.core.errors import N_
from bridge.core.i18n import fmt_date
from bridge.core.languages import language_name

EVENTS: dict[str, str] = {
    # people and accounts
    "person.created": N_("Person %(subject)s added"),
    "person.updated": N_("Person %(subject)s changed"),
    "person.archived": N_("Person %(subject)s archived"),
    "person.restored": N_("Person %(subject)s restored"),
    "person.profile_updated": N_("%(subject)s updated their own profile"),
    "account.invited": N_("Invitation sent to %(subject)s"),
    "account.invite_redeemed": N_("%(subject)s accepted the invitation and set a password"),
    "account.reset_requested": N_("%(subject)s asked for a new password"),
    "account.reset_redeemed": N_("%(subject)s set a new password"),
    # training and eligibility
    "training.exemption_recorded": N_("Training exemption recorded for %(subject)s"),
    "training.exemption_removed": N_("Training exemption removed for %(subject)s"),
    # pairing
    "pairing.mentee_profile_saved": N_("Mentee profile of %(subject)s saved"),
    "pairing.mentor_profile_saved": N_("Mentor profile of %(subject)s saved"),
    "pairing.pin_added": N_("Pairing fixed in advance: %(subject)s"),
    "pairing.exclusion_added": N_("Pairing excluded: %(subject)s"),
    "pairing.pin_removed": N_("Fixed pairing removed: %(subject)s"),
    "pairing.exclusion_removed": N_("Excluded pairing removed: %(subject)s"),
    "pairing.run": N_("Matching run %(run)s calculated"),
    "pairing.run_discarded": N_("Matching run %(run)s discarded"),
    "pairing.run_confirmed": N_("Matching run %(run)s confirmed"),
    "pairing.proposal_proposed": N_("Proposal %(subject)s reopened"),
    "pairing.proposal_accepted": N_("Proposal %(subject)s accepted"),
    "pairing.proposal_rejected": N_("Proposal %(subject)s rejected"),
    "pairing.proposal_replaced": N_("Proposal replaced by %(subject)s"),
    "pairing.proposal_confirmed": N_("Proposal %(subject)s confirmed"),
    "pairing.offline_pair": N_("Tandem %(subject)s recorded from an offline decision"),
    "pairing.line_manager_exception": N_("Tandem %(subject)s allowed as a line-manager exception"),
    "pairing.procedure_added": N_("Checklist item “%(subject)s” added"),
    "pairing.procedure_done": N_("Checklist item “%(subject)s” done"),
    "pairing.procedure_reopened": N_("Checklist item “%(subject)s” reopened"),
    "pairing.procedure_deleted": N_("Checklist item “%(subject)s” deleted"),
    "pair.created": N_("Tandem %(subject)s proposed"),
    "pair.transition": N_("Tandem state changed from “%(from_state)s” to “%(to_state)s”"),
    # agreements
    "agreement.template_saved": N_("Agreement template (%(language)s) version %(version)s saved"),
    "agreement.version_saved": N_("Agreement version %(version)s saved"),
    "agreement.reset_to_template": N_("Agreement reset to the template as version %(version)s"),
    "agreement.signed": N_("Agreement version %(version)s signed"),
    "agreement.scan_uploaded": N_("Signed scan “%(subject)s” uploaded"),
    "agreement.scan_confirmed": N_("Signed scan of version %(version)s confirmed"),
    # the tandem workspace
    "session.logged": N_("Session of %(day)s logged"),
    "session.confirmed": N_("Session of %(day)s confirmed"),
    "session.first_confirmed": N_("First session confirmed"),
    "message.posted": N_("Message posted in a tandem workspace"),
    "document.uploaded": N_("Document “%(subject)s” uploaded"),
    "document.deleted": N_("Document “%(subject)s” deleted"),
    "mentoring.mentor_offered": N_("%(subject)s was invited to become a mentor"),
    "mentoring.mentor_accepted": N_("%(subject)s accepted to become a mentor"),
    # evaluation
    "evaluation.submitted": N_("Evaluation “%(subject)s” submitted"),
    "evaluation.form_version": N_("Evaluation form “%(subject)s” saved as a new version"),
    "evaluation.transcribed": N_("Paper evaluation “%(subject)s” entered on a member's behalf"),
    # community
    "practice.created": N_("Good practice “%(subject)s” created"),
    "practice.updated": N_("Good practice “%(subject)s” changed"),
    "practice.submitted": N_("Good practice “%(subject)s” submitted for review"),
    "practice.published": N_("Good practice “%(subject)s” published"),
    "practice.returned": N_("Good practice “%(subject)s” returned to the author"),
    "practice.reused": N_("Good practice “%(subject)s” reused"),
    "workshop.created": N_("Workshop “%(subject)s” created"),
    "workshop.updated": N_("Workshop “%(subject)s” changed"),
    "workshop.invited": N_("Invitations sent for the workshop “%(subject)s”"),
    "workshop.attendance": N_("Attendance recorded for the workshop “%(subject)s”"),
    "workshop.scenarios": N_("Scenarios chosen for the workshop “%(subject)s”"),
    "scenario.created": N_("Scenario “%(subject)s” created"),
    "scenario.updated": N_("Scenario “%(subject)s” changed"),
    "question.asked": N_("Question “%(subject)s” asked"),
    "question.edited": N_("Question “%(subject)s” edited"),
    "question.answer_accepted": N_("An answer to “%(subject)s” was accepted"),
    "question.merged": N_("Question “%(subject)s” merged into another"),
    "answer.posted": N_("Answer to “%(subject)s” posted"),
    "answer.edited": N_("Answer to “%(subject)s” edited"),
    "post.hidden": N_("Post hidden"),
    "post.shown": N_("Post shown again"),
    # external professionals
    "externals.applied": N_("Application received from %(subject)s"),
    "externals.commented": N_("Comment on the application of %(subject)s"),
    "externals.info_requested": N_("More information requested from %(subject)s"),
    "externals.accepted": N_("Application of %(subject)s accepted"),
    "externals.rejected": N_("Application of %(subject)s rejected"),
    "externals.purged": N_("%(count)s applications anonymised after %(days)s days"),
    "externals.question_added": N_("Question “%(subject)s” added to the application form"),
    "externals.question_removed": N_("Question “%(subject)s” removed from the application form"),
    "externals.adviser_added": N_("%(subject)s advises the tandem"),
    "externals.adviser_removed": N_("%(subject)s no longer advises the tandem"),
    "externals.consent_withdrawn": N_("Consent withdrawn: person %(subject)s anonymised"),
    # programme cycles and management reporting
    "cycle.created": N_("Cycle “%(subject)s” created"),
    "cycle.updated": N_("Cycle “%(subject)s” corrected (name or dates)"),
    "cycle.closed": N_("Cycle “%(subject)s” closed; its report was stored"),
    "complaints.recorded": N_("Complaint figure for %(subject)s recorded"),
    "complaints.deleted": N_("Complaint figure for %(subject)s deleted"),
    # shadowing
    "shadowing.created": N_("Job shadowing %(subject)s recorded"),
    "shadowing.updated": N_("Job shadowing %(subject)s changed"),
    # LTI and operations
    "lti.platform_created": N_("Learning platform “%(subject)s” registered"),
    "lti.platform_updated": N_("Learning platform “%(subject)s” changed"),
    "lti.platform_deleted": N_("Learning platform “%(subject)s” removed"),
    "lti.person_created": N_("Person %(subject)s created from a course launch"),
    "lti.key_rotated": N_("Signing key rotated"),
    "sync.started": N_("Moodle sync started"),
    "job.requeued": N_("Failed background job queued again"),
}

# Parameters whose stored value is a code with a translated label (registered by the domain that owns the codes).
VALUE_KINDS: dict[str, str] = {"from_state": "pair_state", "to_state": "pair_state", "state": "pair_state",
                               "language": "language", "day": "date"}
OBJECT_TYPES: dict[str, str] = {
    "Person": N_("Person"), "Pair": N_("Tandem"), "Agreement": N_("Agreement"), "AgreementTemplate": N_("Template"),
    "MatchRun": N_("Matching run"), "MatchProposal": N_("Proposal"), "MatchPin": N_("Fixed pairing"),
    "MatchExclusion": N_("Excluded pairing"), "MenteeProfile": N_("Mentee profile"),
    "MentorProfile": N_("Mentor profile"), "ProcedureItem": N_("Checklist item"),
    "MentoringSession": N_("Session"), "Message": N_("Message"), "Document": N_("Document"),
    "MentorCandidate": N_("Mentor invitation"), "EvaluationResponse": N_("Evaluation"),
    "EvaluationForm": N_("Evaluation form"), "GoodPractice": N_("Good practice"), "Workshop": N_("Workshop"),
    "Scenario": N_("Scenario"), "Question": N_("Question"), "Answer": N_("Answer"),
    "ExternalApplication": N_("Application"), "ApplicationTemplate": N_("Application form"),
    "JobShadowingActivity": N_("Job shadowing"), "LtiPlatform": N_("Learning platform"), "LtiToolKey": N_("Signing key"),
    "Cycle": N_("Cycle"), "ComplaintFigure": N_("Complaint figure"),
}
_LABELS: dict[str, Mapping] = {"language": language_name, "date": lambda day: fmt_date(date.fromisoformat(day))}
MISSING = "…"


def register_labels(kind: str, labels) -> None:
    """Register the labels of a kind of coded value: a mapping of code to msgid, or a function of the code."""
    _LABELS[kind] = labels


def _value(name: str, value):
    labels = _LABELS.get(VALUE_KINDS.get(name, ""))
    if labels is None or value is None or value == "":
        return value
    if callable(labels):
        try:
            return labels(value)
        except (TypeError, ValueError):  # a malformed old value is shown as stored
            return value
    return gettext(labels[value]) if value in labels else value


class _Params(dict):
    def __missing__(self, key):  # an old row without a parameter still renders
        return MISSING


def render(code: str, params: Mapping | None = None) -> str:
    """Return the event's sentence in the current language, its parameters filled in."""
    values = _Params({name: _value(name, value) for name, value in (params or {}).items()})
    sentence = EVENTS.get(code)
    if sentence is None:  # a code someone forgot to add: readable, never a crash
        readable = code.replace("_", " ").replace(".", ": ", 1)
        return f"{readable} ({values['subject']})" if values.get("subject") else readable
    return gettext(sentence) % values


def object_label(object_type: str) -> str:
    """Return the kind of object an event is about in the current language."""
    return gettext(OBJECT_TYPES[object_type]) if object_type in OBJECT_TYPES else object_type

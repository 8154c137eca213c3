"""The data model. Import models from here."""

from cicdr.models.audit import AuditEvent, AuditHead
from cicdr.models.complaints import Complaint, ComplaintGround, Incident, Party
from cicdr.models.deadlines import Deadline
from cicdr.models.drafts import ComplaintDraft, DraftFile
from cicdr.models.files import Attachment, Message
from cicdr.models.mail import OutboxMail
from cicdr.models.notifications import DeadlineNotice
from cicdr.models.proceedings import Proceeding, ProceedingRespondent
from cicdr.models.reference import ClosureDay, IasValue, ReferenceCounter, VocabularyTerm
from cicdr.models.referrals import Referral
from cicdr.models.sessions import AccessRequest, FollowSession
from cicdr.models.settings import Setting, SettingsVersion
from cicdr.models.statistics import INDEXES as _STATISTICS_INDEXES  # noqa: F401  (declares them)
from cicdr.models.users import User

__all__ = [
    "AccessRequest",
    "Attachment",
    "AuditEvent",
    "AuditHead",
    "ClosureDay",
    "Complaint",
    "ComplaintDraft",
    "ComplaintGround",
    "Deadline",
    "DeadlineNotice",
    "DraftFile",
    "FollowSession",
    "IasValue",
    "Incident",
    "Message",
    "OutboxMail",
    "Party",
    "Proceeding",
    "ProceedingRespondent",
    "Referral",
    "ReferenceCounter",
    "Setting",
    "SettingsVersion",
    "User",
    "VocabularyTerm",
]

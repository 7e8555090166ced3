"""The audit trail: who did what, when, to which record — hash-chained."""

from pcdesk.audit.model import AuditEntry, AuditHead
from pcdesk.audit.trail import record_event, verify_chain

__all__ = ["AuditEntry", "AuditHead", "record_event", "verify_chain"]

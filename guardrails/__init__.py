"""guardrails: everything that protects people — personal-data redaction and the pseudonymisation
vault, the office facts and allow list, output checks, and the handoff/crisis policy.

One public face: import from `guardrails`, not from its modules. Importing is cheap; the
Presidio analyzer is built on the first `redact`/`scan` call.
"""

from guardrails.entities import Entity, Redacted
from guardrails.office import OfficeConfig, OfficeConfigError, load_office
from guardrails.output_check import Verdict, check_output, sentence_supported
from guardrails.policy import ConversationState, Decision, Policy, assess, load_policy
from guardrails.redaction import redact, restore, scan, warm_up
from guardrails.vault import Vault, VaultSerialisationError, VaultStore

__all__ = [
    "ConversationState",
    "Decision",
    "Entity",
    "OfficeConfig",
    "OfficeConfigError",
    "Policy",
    "Redacted",
    "Vault",
    "VaultSerialisationError",
    "VaultStore",
    "Verdict",
    "assess",
    "check_output",
    "load_office",
    "load_policy",
    "redact",
    "restore",
    "scan",
    "sentence_supported",
    "warm_up",
]

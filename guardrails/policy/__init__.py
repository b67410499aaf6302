"""The handoff, crisis and safety policy: when the assistant answers, refuses or hands over."""

from guardrails.policy.decision import ConversationState, Decision
from guardrails.policy.engine import assess, assess_unanswered, decide_by_rule
from guardrails.policy.rules import DEFAULT_POLICY_FILE, Policy, PolicyError, load_policy, parse_policy

__all__ = [
    "DEFAULT_POLICY_FILE",
    "ConversationState",
    "Decision",
    "Policy",
    "PolicyError",
    "assess",
    "assess_unanswered",
    "decide_by_rule",
    "load_policy",
    "parse_policy",
]

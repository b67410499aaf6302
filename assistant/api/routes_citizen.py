"""Citizen endpoints: chat, erase a conversation, feedback. Rate-limited per client.

No `from __future__ import annotations` here: the chat model class is built at run time from
settings, and FastAPI must see the class itself, not its name, in the signature.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Response
from starlette.concurrency import run_in_threadpool

from assistant.api.admission import Admission
from assistant.api.schemas import (
    ConversationExport,
    FeedbackRequest,
    Problem,
    chat_request_model,
    conversation_export,
)
from assistant.api.security import RateLimiter
from assistant.pipeline.replies import ChatReply
from assistant.service import Assistant

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "Förfrågan kunde inte läsas (inte JSON eller inte UTF-8)."},
    403: {"model": Problem, "description": "Fel nyckel till samtalet."},
    404: {"model": Problem, "description": "Samtalet (eller repliken) finns inte."},
    413: {"model": Problem, "description": "Förfrågan är för stor."},
    422: {"model": Problem, "description": "Ogiltig förfrågan (t.ex. för långt meddelande)."},
    429: {"model": Problem, "description": "För många förfrågningar."},
    503: {"model": Problem, "description": "Tillfälligt otillgänglig, försök igen."},
}


def build(
    assistant: Assistant, limiter: RateLimiter, max_message_chars: int, admission: Admission
) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["medborgare"], dependencies=[Depends(limiter.dependency())])
    ChatRequest = chat_request_model(max_message_chars)

    @router.post("/chat", response_model=ChatReply, responses=_ERRORS, summary="Ställ en fråga")
    async def chat(
        body: ChatRequest,  # type: ignore[valid-type]
        x_conversation_token: Annotated[str | None, Header(max_length=128)] = None,
    ) -> ChatReply:
        """Svarar från förvaltningens godkända texter, med källor, eller lämnar över till en person.

        Ett nytt samtal får `conversation_id` och `conversation_token`; för att fortsätta samtalet
        skickas båda tillbaka. Ingen kan läsa eller fortsätta någon annans samtal.
        """
        token = body.conversation_token or x_conversation_token  # type: ignore[attr-defined]
        async with admission.turn():
            return await run_in_threadpool(
                assistant.chat,
                body.message,  # type: ignore[attr-defined]
                body.conversation_id,  # type: ignore[attr-defined]
                token,
                body.language,  # type: ignore[attr-defined]
            )

    @router.delete(
        "/conversations/{conversation_id}", status_code=204, responses=_ERRORS, summary="Radera ett samtal"
    )
    async def erase(
        conversation_id: str,
        x_conversation_token: Annotated[str | None, Header(max_length=128)] = None,
    ) -> Response:
        """Raderar samtalet och allt som hör till det (kräver samtalets nyckel i X-Conversation-Token)."""
        await run_in_threadpool(assistant.erase, conversation_id, x_conversation_token)
        return Response(status_code=204)

    @router.get(
        "/conversations/{conversation_id}/export",
        response_model=ConversationExport,
        responses=_ERRORS,
        summary="Hämta ett samtal (registerutdrag)",
    )
    async def export(
        conversation_id: str,
        x_conversation_token: Annotated[str | None, Header(max_length=128)] = None,
    ) -> ConversationExport:
        """Allt som sparats om samtalet, i den form det sparats: personuppgifter är redan borttagna.

        Med frågor och svar, överlämningar och återkoppling. Varje utdrag loggas."""
        record = await run_in_threadpool(
            assistant.store.export_conversation, conversation_id, x_conversation_token
        )
        return conversation_export(record)

    @router.post("/feedback", status_code=204, responses=_ERRORS, summary="Var svaret till hjälp?")
    async def feedback(
        body: FeedbackRequest,
        x_conversation_token: Annotated[str | None, Header(max_length=128)] = None,
    ) -> Response:
        token = body.conversation_token or x_conversation_token
        await run_in_threadpool(
            assistant.feedback, body.conversation_id, token, body.helpful, body.reason, body.turn_id
        )
        return Response(status_code=204)

    return router

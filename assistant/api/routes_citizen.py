"""Citizen endpoints: chat, erase or export a conversation, feedback. Rate-limited per client."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Response
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool

from assistant.api import problems as p
from assistant.api.deps import AdmissionDep, AssistantDep, SettingsDep, rate_limit
from assistant.api.schemas import ChatRequest, ConversationExport, FeedbackRequest, conversation_export
from assistant.pipeline.replies import ChatReply

# What any citizen endpoint may answer; each route adds its own (p.openapi_responses merges them).
_BASE = (p.BAD_REQUEST, p.REQUEST_TOO_LARGE, p.INVALID_REQUEST, p.RATE_LIMITED, p.DATABASE_UNAVAILABLE)
router = APIRouter(
    prefix="/api",
    tags=["medborgare"],
    dependencies=[Depends(rate_limit)],
    responses=p.openapi_responses(*_BASE),
)
ConversationToken = Annotated[str | None, Header(max_length=128)]
_CONVERSATION = p.openapi_responses(*_BASE, p.CONVERSATION_FORBIDDEN, p.CONVERSATION_NOT_FOUND)


def chat_request(body: ChatRequest, settings: SettingsDep) -> ChatRequest:
    """The body, with the message no longer than TILLIT_MAX_MESSAGE_CHARS (a 422 like any field's)."""
    limit = settings.max_message_chars
    if len(body.message) > limit:
        raise RequestValidationError(
            [
                {
                    "type": "string_too_long",
                    "loc": ("body", "message"),
                    "msg": f"String should have at most {limit} characters",
                    "ctx": {"max_length": limit},
                }
            ]
        )
    return body


@router.post(
    "/chat",
    response_model=ChatReply,
    summary="Ställ en fråga",
    responses=p.openapi_responses(
        *_BASE, p.CONVERSATION_FORBIDDEN, p.CONVERSATION_NOT_FOUND, p.INDEX_UNAVAILABLE, p.SERVICE_BUSY
    ),
)
async def chat(
    body: Annotated[ChatRequest, Depends(chat_request)],
    assistant: AssistantDep,
    admission: AdmissionDep,
    x_conversation_token: ConversationToken = None,
) -> ChatReply:
    """Svarar från förvaltningens godkända texter, med källor, eller lämnar över till en person.

    Ett nytt samtal får `conversation_id` och `conversation_token`; för att fortsätta samtalet
    skickas båda tillbaka. Ingen kan läsa eller fortsätta någon annans samtal.
    """
    token = body.conversation_token or x_conversation_token
    async with admission.turn():
        return await run_in_threadpool(
            assistant.chat, body.message, body.conversation_id, token, body.language
        )


@router.delete(
    "/conversations/{conversation_id}", status_code=204, responses=_CONVERSATION, summary="Radera ett samtal"
)
async def erase(
    conversation_id: str, assistant: AssistantDep, x_conversation_token: ConversationToken = None
) -> Response:
    """Raderar samtalet och allt som hör till det (kräver samtalets nyckel i X-Conversation-Token)."""
    await run_in_threadpool(assistant.erase, conversation_id, x_conversation_token)
    return Response(status_code=204)


@router.get(
    "/conversations/{conversation_id}/export",
    response_model=ConversationExport,
    responses=_CONVERSATION,
    summary="Hämta ett samtal (registerutdrag)",
)
async def export(
    conversation_id: str, assistant: AssistantDep, x_conversation_token: ConversationToken = None
) -> ConversationExport:
    """Allt som sparats om samtalet, i den form det sparats: personuppgifter är redan borttagna.

    Med frågor och svar, överlämningar och återkoppling. Varje utdrag loggas."""
    record = await run_in_threadpool(
        assistant.store.export_conversation, conversation_id, x_conversation_token
    )
    return conversation_export(record)


@router.post(
    "/feedback",
    status_code=204,
    responses=p.openapi_responses(
        *_BASE, p.CONVERSATION_FORBIDDEN, p.CONVERSATION_NOT_FOUND, p.TURN_NOT_FOUND
    ),
    summary="Var svaret till hjälp?",
)
async def feedback(
    body: FeedbackRequest, assistant: AssistantDep, x_conversation_token: ConversationToken = None
) -> Response:
    token = body.conversation_token or x_conversation_token
    await run_in_threadpool(
        assistant.feedback, body.conversation_id, token, body.helpful, body.reason, body.turn_id
    )
    return Response(status_code=204)

"""What the assistant hands back at its boundary (pydantic): chat replies, citations, handoffs, drafts."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Citation(BaseModel):
    n: int = Field(description="Numret som används i svaret, t.ex. [1].")
    doc_id: str
    version: str
    title: str
    section: str
    source_url: str


class HandoffOut(BaseModel):
    reason: str = Field(
        description="Varför samtalet lämnas till en person, t.ex. human_request eller crisis."
    )
    queue: str = Field(description="Den grupp som tar över, t.ex. redovisning eller allmant.")
    urgency: str = Field(description="normal eller urgent.")
    reference: str = Field(description="Referens som personen kan uppge när hen kontaktar oss.")
    message: str = Field(description="Vad som händer nu, i klartext för personen.")


class ChatReply(BaseModel):
    conversation_id: str
    conversation_token: str = Field(
        description="Hemlig nyckel till samtalet; krävs för att fortsätta eller radera."
    )
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    handoff: HandoffOut | None = None
    language: str = Field(description="Språket som svaret är skrivet på (ISO 639-1).")
    confidence: float = Field(ge=0.0, le=1.0)
    disclosure: str = Field(
        description="Upplysning om att svaret kommer från en AI (EU:s AI-förordning art. 50)."
    )
    notices: list[str] = Field(default_factory=list)
    turn_id: int | None = Field(default=None, description="Id för den här repliken (för återkoppling).")


class DraftReply(BaseModel):
    draft_id: str
    text: str = Field(description="Utkastet med personuppgifterna återställda; bara för handläggaren.")
    citations: list[Citation] = Field(default_factory=list)
    questions: list[str] = Field(
        default_factory=list, description="Frågorna som hittades, med namn återställda."
    )

"""Answer composers: extractive (default, no model) and a LangChain chat model (optional)."""

from assistant.composers.base import ComposedAnswer, Composer, ComposeRequest
from assistant.composers.extractive import ExtractiveComposer

__all__ = ["ComposeRequest", "ComposedAnswer", "Composer", "ExtractiveComposer"]

"""Insight: question vectors for content gaps, drafts linked to a handoff, turns counted by date.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 12:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "question_vectors",
        sa.Column("turn_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=80), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["turn_id"], ["turns.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("turn_id"),
    )
    op.create_table(
        "handoff_drafts",
        sa.Column("draft_id", sa.String(length=36), nullable=False),
        sa.Column("handoff_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("draft_id"),
    )
    # Plain CREATE INDEX (no batch mode): a batch on SQLite could copy the whole turns table.
    op.create_index("ix_handoff_drafts_handoff_id", "handoff_drafts", ["handoff_id"], unique=False)
    # Covers the weekly counts and finds the unanswered turns without reading the turns' text.
    op.create_index(
        "ix_turns_insight", "turns", ["created_at", "action", "rule", "reason", "confidence"], unique=False
    )
    op.create_index("ix_feedback_turn_id", "feedback", ["turn_id"], unique=False)
    # The turns the assistant did not answer well (assistant/storage/insights.py: NO_ANSWER_RULE,
    # LOW_CONFIDENCE; the query states this predicate word for word so the index is used). On SQLite
    # it carries the question text, so grouping them reads no table rows; PostgreSQL keeps index
    # rows small (a long message must never fail a turn's insert on the index row size limit).
    columns = ["created_at", "rule", "action", "confidence"]
    if op.get_bind().dialect.name == "sqlite":
        columns += ["user_text", "query_text"]
    where = sa.text("rule = 'pipeline.low_confidence' OR (action = 'answer' AND confidence < 0.55)")
    op.create_index(
        "ix_turns_unanswered", "turns", columns, unique=False, sqlite_where=where, postgresql_where=where
    )


def downgrade() -> None:
    op.drop_index("ix_turns_unanswered", table_name="turns")
    op.drop_index("ix_feedback_turn_id", table_name="feedback")
    op.drop_index("ix_turns_insight", table_name="turns")
    op.drop_index("ix_handoff_drafts_handoff_id", table_name="handoff_drafts")
    op.drop_table("handoff_drafts")
    op.drop_table("question_vectors")

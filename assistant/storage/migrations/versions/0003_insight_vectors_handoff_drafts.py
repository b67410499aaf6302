"""Insight: question vectors for content gaps, drafts linked to a handoff, turns found by date.

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
    op.create_index("ix_turns_created_at", "turns", ["created_at"], unique=False)
    op.create_index("ix_feedback_turn_id", "feedback", ["turn_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_feedback_turn_id", table_name="feedback")
    op.drop_index("ix_turns_created_at", table_name="turns")
    op.drop_index("ix_handoff_drafts_handoff_id", table_name="handoff_drafts")
    op.drop_table("handoff_drafts")
    op.drop_table("question_vectors")

"""fake feature: one table

Revision ID: f001_fake
Revises: 0001_foundation
"""
from alembic import op
import sqlalchemy as sa

revision = "f001_fake"
down_revision = "0001_foundation"
branch_labels = ("fake",)
depends_on = None


def upgrade() -> None:
    op.create_table("fake_thing", sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("name", sa.String(length=50), nullable=False),
                    sa.PrimaryKeyConstraint("id", name=op.f("pk_fake_thing")))


def downgrade() -> None:
    op.drop_table("fake_thing")

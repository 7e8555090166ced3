"""inventory: risk analysis as examiners read it — 脆弱性, the four consequences, 追加対策

Revision ID: 0004_inventory_risk
Revises: 0003_inventory_review
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_inventory_risk'
down_revision = '0003_inventory_review'
branch_labels = None
depends_on = None

TEXTS = ("vulnerability", "impact_on_person", "legal_breach", "economic_loss", "reputation_loss", "additional_notes")


def upgrade() -> None:
    # Existing rows get empty texts and no 追加対策; the screens show them as not yet written.
    with op.batch_alter_table('inventory_risk') as batch:
        for name in TEXTS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=''))
        batch.add_column(sa.Column('additional_measures', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    with op.batch_alter_table('inventory_catalogue_item') as batch:
        batch.add_column(sa.Column('vulnerability', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('inventory_catalogue_item') as batch:
        batch.drop_column('vulnerability')
    with op.batch_alter_table('inventory_risk') as batch:
        batch.drop_column('additional_measures')
        for name in reversed(TEXTS):
            batch.drop_column(name)

"""inventory: 要確認 entries (missing fields named), the stated 要配慮/特定 judgement, the
imported ledger's own 管理番号, and entries without a department (imported, 要確認)

Revision ID: 0003_inventory_review
Revises: 0002_inventory
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_inventory_review'
down_revision = '0002_inventory'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inventory_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sensitive_declared', sa.String(length=5), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('specific_declared', sa.String(length=5), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('needs_review', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('missing_fields', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('source_number', sa.String(length=60), nullable=False, server_default=''))
        batch_op.alter_column('department_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_inventory_entry_needs_review'), ['needs_review'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inventory_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inventory_entry_needs_review'))
        batch_op.alter_column('department_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('source_number')
        batch_op.drop_column('missing_fields')
        batch_op.drop_column('needs_review')
        batch_op.drop_column('specific_declared')
        batch_op.drop_column('sensitive_declared')

"""foundation: keyed audit chain, row digests, login throttling, recovery code

Revision ID: 0003_foundation_trust
Revises: 0001_foundation

Existing entries keep their plain SHA-256 hashes (key_id ""); the first write after this
migration creates the installation's key, records the switch-over and seals every row.
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_foundation_trust'
down_revision = '0001_foundation'
branch_labels = ('foundation',)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_id', sa.String(length=16), server_default='', nullable=False))
        batch_op.add_column(sa.Column('row_digest', sa.String(length=64), server_default='', nullable=False))
    with op.batch_alter_table('audit_head', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_id', sa.String(length=16), server_default='', nullable=False))
        batch_op.add_column(sa.Column('sealed_schema', sa.String(length=200), server_default='', nullable=False))
    op.create_table('login_throttle',
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(), nullable=True),
    sa.Column('wait_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('subject', name=op.f('pk_login_throttle'))
    )
    op.create_table('recovery_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_code'))
    )


def downgrade() -> None:
    op.drop_table('recovery_code')
    op.drop_table('login_throttle')
    with op.batch_alter_table('audit_head', schema=None) as batch_op:
        batch_op.drop_column('sealed_schema')
        batch_op.drop_column('key_id')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_column('row_digest')
        batch_op.drop_column('key_id')

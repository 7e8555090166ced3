"""visitors: passes, visitor entries, corrections

Revision ID: v001_visitors
Revises: 0001_foundation
"""
from alembic import op
import sqlalchemy as sa


revision = 'v001_visitors'
down_revision = '0001_foundation'
branch_labels = ('visitors',)
depends_on = None


def upgrade() -> None:
    op.create_table('visitor_pass',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visitor_pass')),
    sa.UniqueConstraint('number', name=op.f('uq_visitor_pass_number'))
    )
    op.create_table('visitor_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.Column('left_at', sa.DateTime(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_key', sa.String(length=100), nullable=False),
    sa.Column('company', sa.String(length=200), nullable=False),
    sa.Column('party_size', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=100), nullable=False),
    sa.Column('host_name', sa.String(length=100), nullable=False),
    sa.Column('host_key', sa.String(length=60), nullable=False),
    sa.Column('host_department', sa.String(length=100), nullable=False),
    sa.Column('areas', sa.String(length=200), nullable=False),
    sa.Column('pass_number', sa.String(length=20), nullable=False),
    sa.Column('held_pass', sa.String(length=20), nullable=True),
    sa.Column('received_by', sa.String(length=100), nullable=False),
    sa.Column('checkout_by', sa.String(length=100), nullable=False),
    sa.Column('checkout_method', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('corrections', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visitor_entry')),
    # A pass is held by one entry at most: the database refuses a second holder.
    sa.UniqueConstraint('held_pass', name=op.f('uq_visitor_entry_held_pass'))
    )
    with op.batch_alter_table('visitor_entry', schema=None) as batch_op:
        batch_op.create_index('ix_visitor_entry_company_entered_at', ['company', 'entered_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_visitor_entry_entered_at'), ['entered_at'], unique=False)
        batch_op.create_index('ix_visitor_entry_host_name_entered_at', ['host_name', 'entered_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_visitor_entry_left_at'), ['left_at'], unique=False)
        batch_op.create_index('ix_visitor_entry_name_key_entered_at', ['name_key', 'entered_at'], unique=False)

    op.create_table('visitor_correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_name', sa.String(length=100), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['visitor_entry.id'], name=op.f('fk_visitor_correction_entry_id_visitor_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visitor_correction'))
    )
    with op.batch_alter_table('visitor_correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visitor_correction_entry_id'), ['entry_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('visitor_correction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visitor_correction_entry_id'))
    op.drop_table('visitor_correction')
    with op.batch_alter_table('visitor_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_visitor_entry_name_key_entered_at')
        batch_op.drop_index(batch_op.f('ix_visitor_entry_left_at'))
        batch_op.drop_index('ix_visitor_entry_host_name_entered_at')
        batch_op.drop_index(batch_op.f('ix_visitor_entry_entered_at'))
        batch_op.drop_index('ix_visitor_entry_company_entered_at')
    op.drop_table('visitor_entry')
    op.drop_table('visitor_pass')

"""simulations: timed preparation of a run (allowed length and start)

Revision ID: 5a1e7c2d9b30
Revises: c29a0dba91f8
Create Date: 2026-11-26 11:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5a1e7c2d9b30'
down_revision = 'c29a0dba91f8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sim_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prep_seconds', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('prep_started_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('sim_runs', schema=None) as batch_op:
        batch_op.drop_column('prep_started_at')
        batch_op.drop_column('prep_seconds')

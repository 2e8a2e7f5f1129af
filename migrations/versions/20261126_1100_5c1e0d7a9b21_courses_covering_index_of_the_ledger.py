"""courses: covering index of the ledger for the coverage report (source, enrolment, date, score, passed)

Revision ID: 5c1e0d7a9b21
Revises: a3c41e7d9b20
Create Date: 2026-11-26 11:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '5c1e0d7a9b21'
down_revision = 'a3c41e7d9b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('item_results', schema=None) as batch_op:
        batch_op.create_index('ix_item_results_source_ledger',
                              ['source', 'enrollment_id', 'updated_at', 'score', 'passed'], unique=False)


def downgrade():
    with op.batch_alter_table('item_results', schema=None) as batch_op:
        batch_op.drop_index('ix_item_results_source_ledger')

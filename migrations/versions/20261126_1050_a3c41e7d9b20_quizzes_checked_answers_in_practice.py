"""quizzes: an answer checked in practice mode is locked (immediate feedback)

Revision ID: a3c41e7d9b20
Revises: 5a1e7c2d9b30
Create Date: 2026-11-26 10:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3c41e7d9b20'
down_revision = '5a1e7c2d9b30'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('quiz_attempt_answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('quiz_attempt_answers', schema=None) as batch_op:
        batch_op.drop_column('checked_at')

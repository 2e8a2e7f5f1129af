"""simulations: live sessions for a training class, pushed prompts, learners' answers

Revision ID: c29a0dba91f8
Revises: 298fa495ddf7
Create Date: 2026-11-26 10:45:08.511024

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c29a0dba91f8'
down_revision = '298fa495ddf7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sim_live_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('trainer_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['training_classes.id'], name=op.f('fk_sim_live_sessions_class_id_training_classes')),
    sa.ForeignKeyConstraint(['trainer_id'], ['users.id'], name=op.f('fk_sim_live_sessions_trainer_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['sim_scenario_versions.id'], name=op.f('fk_sim_live_sessions_version_id_sim_scenario_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sim_live_sessions'))
    )
    with op.batch_alter_table('sim_live_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_sim_live_sessions_class_status', ['class_id', 'status'], unique=False)

    op.create_table('sim_live_prompts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('prompt_id', sa.String(length=80), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('journalist_name', sa.String(length=255), nullable=False),
    sa.Column('outlet', sa.String(length=255), nullable=False),
    sa.Column('tone', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('time_limit', sa.Integer(), nullable=False),
    sa.Column('pushed_at', sa.DateTime(), nullable=False),
    sa.Column('deadline_at', sa.DateTime(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sim_live_sessions.id'], name=op.f('fk_sim_live_prompts_session_id_sim_live_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sim_live_prompts')),
    sa.UniqueConstraint('session_id', 'position', name=op.f('uq_sim_live_prompts_session_id_position'))
    )
    with op.batch_alter_table('sim_live_prompts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sim_live_prompts_session_id'), ['session_id'], unique=False)

    op.create_table('sim_live_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('prompt_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('rev', sa.Integer(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=False),
    sa.Column('seconds', sa.Numeric(precision=9, scale=1), nullable=False),
    sa.Column('is_late', sa.Boolean(), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['prompt_id'], ['sim_live_prompts.id'], name=op.f('fk_sim_live_answers_prompt_id_sim_live_prompts')),
    sa.ForeignKeyConstraint(['session_id'], ['sim_live_sessions.id'], name=op.f('fk_sim_live_answers_session_id_sim_live_sessions')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sim_live_answers_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sim_live_answers')),
    sa.UniqueConstraint('prompt_id', 'user_id', name=op.f('uq_sim_live_answers_prompt_id_user_id'))
    )
    with op.batch_alter_table('sim_live_answers', schema=None) as batch_op:
        batch_op.create_index('ix_sim_live_answers_session_seq', ['session_id', 'seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_sim_live_answers_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('sim_live_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sim_live_answers_user_id'))
        batch_op.drop_index('ix_sim_live_answers_session_seq')

    op.drop_table('sim_live_answers')
    with op.batch_alter_table('sim_live_prompts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sim_live_prompts_session_id'))

    op.drop_table('sim_live_prompts')
    with op.batch_alter_table('sim_live_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_sim_live_sessions_class_status')

    op.drop_table('sim_live_sessions')

"""Forms of the live mode: start a session for a class, type an improvised question."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from training.core.forms import clean_text


class LiveStartForm(FlaskForm):
    class_id = SelectField(_l("Training class"), coerce=int)
    scenario_id = SelectField(_l("Scenario"), coerce=int)


class LiveQuestionForm(FlaskForm):
    journalist_name = StringField(_l("Journalist"), validators=[Optional(), Length(max=255)], filters=[clean_text])
    outlet = StringField(_l("Outlet"), validators=[Optional(), Length(max=255)], filters=[clean_text])
    tone = SelectField(_l("Tone"))
    time_limit = IntegerField(_l("Time limit (seconds)"), default=90, validators=[NumberRange(10, 3600)])
    text = TextAreaField(_l("Question"), validators=[DataRequired(_l("Type the question.")), Length(max=2000)])

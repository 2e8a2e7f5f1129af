"""Forms for simulation items, scenario import/editing and the answer check preview."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from training.core.forms import clean_text


class SimulationItemForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter the title.")), Length(max=255)],
                        filters=[clean_text])
    scenario_id = SelectField(_l("Scenario"), coerce=int)
    requires_review = BooleanField(_l("A trainer reviews each run and decides pass or fail"), default=True)
    prep_minutes = IntegerField(_l("Timed preparation with the brief (minutes; empty: the scenario's setting)"),
                                validators=[Optional(), NumberRange(1, 120)])
    is_required = BooleanField(_l("Required for completion"), default=True)


class ScenarioJsonForm(FlaskForm):
    file = FileField(_l("Scenario file (JSON)"))
    text = TextAreaField(_l("Or paste the scenario JSON"), validators=[Optional(), Length(max=500000)])
    note = StringField(_l("What changed (for the version history)"), validators=[Optional(), Length(max=255)],
                       filters=[clean_text])


class CheckForm(FlaskForm):
    prompt = SelectField(_l("Question"))
    text = TextAreaField(_l("Answer to try"), validators=[DataRequired(_l("Enter an answer.")), Length(max=20000)])
    seconds = IntegerField(_l("Response time (seconds)"), validators=[Optional(), NumberRange(0, 86400)])

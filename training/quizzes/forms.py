"""Forms of quiz authoring, grading and the question bank."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DecimalField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from training.core.forms import DateVNField, clean_text


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def review_choices():
    return [SelectChoice("score", _l("Score")), SelectChoice("correctness", _l("Whether each answer was right")),
            SelectChoice("feedback", _l("Feedback and explanations")), SelectChoice("right_answer", _l("The right answers"))]


class QuizSettingsForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter the title.")), Length(max=255)],
                        filters=[clean_text])
    intro = TextAreaField(_l("Introduction"), validators=[Optional(), Length(max=5000)])
    mode = SelectField(_l("Mode"), choices=[SelectChoice("exam", _l("Exam: feedback after submitting")),
                                            SelectChoice("practice", _l("Practice: each question can be checked at once (immediate feedback)"))])
    time_limit_minutes = IntegerField(_l("Time limit (minutes)"), validators=[Optional(), NumberRange(0, 1440)],
                                      description=_l("Empty or 0: no time limit."))
    attempts_allowed = IntegerField(_l("Attempts allowed"), default=0, validators=[Optional(), NumberRange(0, 100)],
                                    description=_l("0: unlimited."))
    delay_minutes = IntegerField(_l("Minutes to wait between attempts"), default=0,
                                 validators=[Optional(), NumberRange(0, 10080)])
    grading_method = SelectField(_l("Grade from several attempts"), choices=[
        SelectChoice("highest", _l("Highest attempt")), SelectChoice("average", _l("Average of attempts")), SelectChoice("first", _l("First attempt")),
        SelectChoice("last", _l("Last attempt"))])
    pass_percent = DecimalField(_l("Pass mark (%)"), default=0, places=2, validators=[NumberRange(0, 100)])
    shuffle_questions = BooleanField(_l("Shuffle the questions"))
    shuffle_choices = BooleanField(_l("Shuffle the choices"), default=True)
    questions_per_page = IntegerField(_l("Questions per page"), default=5, validators=[Optional(), NumberRange(1, 100)])
    open_on = DateVNField(_l("Opens on (dd/mm/yyyy)"), validators=[Optional()])
    close_on = DateVNField(_l("Closes after (dd/mm/yyyy)"), validators=[Optional()])
    review_after_attempt = MultiCheckboxField(_l("Right after an attempt the learner sees"), choices=review_choices())
    review_after_close = MultiCheckboxField(_l("After the quiz closes the learner sees"), choices=review_choices())


class FixedSlotForm(FlaskForm):
    question_id = SelectField(_l("Question"), coerce=int, validate_choice=False,
                              validators=[DataRequired(_l("Choose a question."))])
    points = DecimalField(_l("Points here"), places=2, validators=[Optional(), NumberRange(0.01, 1000)])


class RandomSlotForm(FlaskForm):
    category_id = SelectField(_l("Category"), coerce=int, validate_choice=False,
                              validators=[DataRequired(_l("Choose a category."))])
    draw_count = IntegerField(_l("Questions to draw"), default=1, validators=[DataRequired(), NumberRange(1, 500)])
    points = DecimalField(_l("Points each"), places=2, validators=[Optional(), NumberRange(0.01, 1000)])


class MarkForm(FlaskForm):
    score = StringField(_l("Points given"), validators=[DataRequired(_l("Enter the mark."))])
    comment = TextAreaField(_l("Comment for the learner"), validators=[Optional(), Length(max=5000)])


class CategoryForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the category name.")), Length(max=255)],
                       filters=[clean_text])
    parent_id = SelectField(_l("Inside"), coerce=int, validate_choice=False)


class QuestionForm(FlaskForm):
    category_id = SelectField(_l("Category"), coerce=int, validate_choice=False)
    source = TextAreaField(_l("Question (GIFT)"), validators=[DataRequired(_l("Write the question."))])
    ordering_items = TextAreaField(_l("Items in the right order, one per line"), validators=[Optional()])
    rubric = TextAreaField(_l("Rubric for graders (essays)"), validators=[Optional(), Length(max=10000)])
    ignore_diacritics = BooleanField(_l("Accept typed answers without Vietnamese diacritics"))
    tags = StringField(_l("Tags (comma-separated)"), validators=[Optional(), Length(max=500)])
    citations = TextAreaField(_l("Legal citations"), validators=[Optional(), Length(max=2000)],
                              description=_l("One per line: document code | article, e.g. nd-09-2017 | Điều 4"))


class QuestionImportForm(FlaskForm):
    file = FileField(_l("GIFT (.txt, .gift) or Moodle XML (.xml) file"),
                     validators=[FileRequired(_l("Choose a file."))])
    file_format = SelectField(_l("Format"), choices=[SelectChoice("auto", _l("From the file name")), SelectChoice("gift", "GIFT"),
                                                     SelectChoice("moodle-xml", "Moodle XML")])
    category = StringField(_l("Import into category (optional)"), validators=[Optional(), Length(max=255)],
                           filters=[clean_text], description=_l("Nested with '/', e.g. Luật Báo chí / Chương 1."))


class OverrideForm(FlaskForm):
    email = StringField(_l("Learner's e-mail"), validators=[DataRequired(_l("Enter the e-mail address.")),
                                                           Length(max=255)], filters=[clean_text])
    extra_minutes = IntegerField(_l("Extra minutes"), default=0, validators=[Optional(), NumberRange(0, 1440)])
    extra_attempts = IntegerField(_l("Extra attempts"), default=0, validators=[Optional(), NumberRange(0, 100)])
    open_on = DateVNField(_l("Opens on (dd/mm/yyyy)"), validators=[Optional()])
    close_on = DateVNField(_l("Closes after (dd/mm/yyyy)"), validators=[Optional()])

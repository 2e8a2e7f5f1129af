"""Forms for authoring, enrolment, classes and the legal register."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from training.core.forms import DateVNField, clean_text


class CourseForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter the title.")), Length(max=255)],
                        filters=[clean_text])
    slug = StringField(_l("Address (slug)"), validators=[Optional(), Length(max=80)], filters=[clean_text],
                       description=_l("Letters, digits and dashes; made from the title when empty."))
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=5000)])
    audience = StringField(_l("Audience"), validators=[Optional(), Length(max=255)], filters=[clean_text])
    complete_lessons_on_view = BooleanField(_l("A lesson is complete as soon as it is opened"))
    self_enrollment = BooleanField(_l("Learners may enrol themselves"))
    relative_due_days = IntegerField(_l("Due N days after enrolment"), validators=[Optional(), NumberRange(1, 3650)],
                                     description=_l("Leave empty for no due date (a class or an admin may set one)."))
    row_version = HiddenField()


class TitleForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter the title.")), Length(max=255)],
                        filters=[clean_text])


class ModuleForm(TitleForm):
    summary = TextAreaField(_l("Summary"), validators=[Optional(), Length(max=2000)])


class NewItemForm(TitleForm):
    kind = SelectField(_l("Kind"))
    is_required = BooleanField(_l("Required for completion"), default=True)
    estimated_minutes = IntegerField(_l("Estimated minutes"), validators=[Optional(), NumberRange(1, 600)])


class ItemForm(TitleForm):
    module_id = SelectField(_l("Module"), coerce=int)
    estimated_minutes = IntegerField(_l("Estimated minutes"), validators=[Optional(), NumberRange(1, 600)])


class CitationForm(FlaskForm):
    class Meta:
        csrf = False

    document_id = SelectField(_l("Document"), coerce=int, validate_choice=False)
    article = StringField(_l("Article, clause"), validators=[Optional(), Length(max=120)], filters=[clean_text],
                          render_kw={"placeholder": "Điều 38 khoản 2"})


class LessonForm(FlaskForm):
    body_markdown = TextAreaField(_l("Lesson text (Markdown)"), validators=[Length(max=200_000)])
    citations = FieldList(FormField(CitationForm), min_entries=1, max_entries=30)
    # Required: a save must say which version it edits, so it cannot erase a newer one.
    row_version = HiddenField(validators=[DataRequired(_l("Reload the page and try again."))])


class ImageForm(FlaskForm):
    image = FileField(_l("Image (PNG, JPEG, GIF, WebP)"), validators=[FileRequired(_l("Choose an image."))])


class VersionForm(FlaskForm):
    note = StringField(_l("What changed"), validators=[DataRequired(_l("Say what changed in this version.")),
                                                       Length(max=255)], filters=[clean_text])


class EnrolForm(FlaskForm):
    """Enrol people: listed e-mails, and/or a unit (with sub-units, spokespersons only)."""

    emails = TextAreaField(_l("E-mail addresses (one per line)"), validators=[Optional(), Length(max=100_000)])
    unit_id = SelectField(_l("Unit"), coerce=int)
    include_subunits = BooleanField(_l("Include its sub-units"), default=True)
    spokespersons_only = BooleanField(_l("Designated spokespersons only"))
    class_id = SelectField(_l("Training class"), coerce=int)
    due_on = DateVNField(_l("Due date (dd/mm/yyyy)"), validators=[Optional()],
                         description=_l("Empty: the class's due date, else the course's relative due date."))


class RequestForm(FlaskForm):
    message = TextAreaField(_l("Message to the administrator (optional)"), validators=[Optional(), Length(max=500)])


class ClassForm(FlaskForm):
    name = StringField(_l("Class name"), validators=[DataRequired(_l("Enter the class name.")), Length(max=255)],
                       filters=[clean_text], render_kw={"placeholder": "Lớp tập huấn kỹ năng phát ngôn 2026 – đợt 1"})
    course_id = SelectField(_l("Course"), coerce=int)
    unit_id = SelectField(_l("Organising unit"), coerce=int)
    trainer_id = SelectField(_l("Trainer"), coerce=int)
    starts_on = DateVNField(_l("Starts on (dd/mm/yyyy)"), validators=[Optional()])
    ends_on = DateVNField(_l("Ends on (dd/mm/yyyy)"), validators=[Optional()])
    due_on = DateVNField(_l("Due date for learners (dd/mm/yyyy)"), validators=[Optional()])
    location = StringField(_l("Location"), validators=[Optional(), Length(max=255)], filters=[clean_text])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])


class LegalDocumentForm(FlaskForm):
    number = StringField(_l("Number"), validators=[Optional(), Length(max=64)], filters=[clean_text],
                         render_kw={"placeholder": "103/2016/QH13"},
                         description=_l("Empty for guidance that is not a legal act (e.g. CDC CERC)."))
    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter the title.")), Length(max=255)],
                        filters=[clean_text])
    kind = SelectField(_l("Kind"))
    issued_on = DateVNField(_l("Issued on (dd/mm/yyyy)"), validators=[Optional()])
    effective_on = DateVNField(_l("In force from (dd/mm/yyyy)"), validators=[Optional()])
    replaces_id = SelectField(_l("Replaces"), coerce=int)
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


class SupersedeForm(FlaskForm):
    replacement_id = SelectField(_l("Replaced by"), coerce=int)
    superseded_on = DateVNField(_l("No longer applies from (dd/mm/yyyy)"),
                                validators=[DataRequired(_l("Enter the date."))])

"""Forms of the scenario authoring pages: one FlaskForm per part, its lists as FieldLists of row forms.

Field names match ``parts.PARTS`` (the pure mapping to scenario JSON). Choices are offered but
not enforced here (``validate_choice=False``): the whole scenario goes through the pure
validator, whose messages are shown next to the field, so there is one source of truth.
Numbers are text fields for the same reason. Every row can be removed or moved (its position).
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, FormField, HiddenField, SelectField, StringField, TextAreaField
from wtforms import Form as RowBase
from wtforms.validators import DataRequired, Length, Optional, Regexp

from training.core.forms import clean_text
from training.simulations.model import DEFAULT_RUBRIC
from training.simulations.scenario import SLUG_PATTERN

MAX_ROWS = 200


def _text(label, max_length=300, **kwargs):
    return StringField(label, validators=[Optional(), Length(max=max_length)], filters=[clean_text], **kwargs)


def _area(label, max_length=5000, **kwargs):
    return TextAreaField(label, validators=[Optional(), Length(max=max_length)], **kwargs)


def _select(label):
    return SelectField(label, validate_choice=False, default="")


def _number(label, **kwargs):
    return StringField(label, validators=[Optional(), Length(max=12)], **kwargs)


class Row(RowBase):
    """What every row has: the stored item it edits, its position, and "remove"."""

    origin = HiddenField()
    position = StringField(_l("Order"), validators=[Optional(), Length(max=6)])
    remove = BooleanField(_l("Remove"))


def _id_field():
    return _text(_l("Id"), 64)


class FactRow(Row):
    id = _id_field()
    text = _area(_l("Fact"), 2000)


class InternalFactRow(Row):
    id = _id_field()
    text = _area(_l("Fact"), 2000)
    legal_ground = _area(_l("Legal ground for not disclosing it"), 500)
    legal_document = _select(_l("Document in the legal register"))
    legal_article = _text(_l("Article"), 120, description=_l("For example: Điều 38 khoản 2 điểm c"))


class KeyMessageRow(Row):
    id = _id_field()
    title = _text(_l("Title"))
    text = _area(_l("Message"), 2000)
    cues = _area(_l("Cue phrases (one per line)"), 5000)


class RestrictedRow(Row):
    id = _id_field()
    label = _text(_l("What must not be disclosed"))
    fact = _select(_l("Internal fact"))
    legal_ground = _area(_l("Legal ground for not disclosing it"), 500)
    legal_document = _select(_l("Document in the legal register"))
    legal_article = _text(_l("Article"), 120, description=_l("For example: Điều 38 khoản 2 điểm c"))
    cues = _area(_l("Cue phrases that show it was disclosed (one per line)"), 5000)


class JournalistRow(Row):
    id = _id_field()
    name = _text(_l("Name"), 200)
    outlet = _text(_l("Outlet (fictional)"), 200)
    tone = _select(_l("Tone"))


class PromptRow(Row):
    id = _id_field()
    journalist = _select(_l("Journalist"))
    channel = _select(_l("Channel"))
    tone = _select(_l("Tone (empty: the journalist's)"))
    text = _area(_l("Question or message"), 5000)
    time_limit = _number(_l("Time limit (seconds)"))
    loaded_words = _area(_l("Loaded words not to repeat (one per line)"), 2000)
    coaching = _area(_l("Coaching note (shown only in the debrief)"), 5000)
    written = BooleanField(_l("Written reply"))
    touches = _area(_l("Restricted items this prompt probes (ids, one per line)"), 1000)


class FollowUpRow(Row):
    id = _id_field()
    kind = _select(_l("Condition"))
    item = _select(_l("Restricted item disclosed"))
    message = _select(_l("Key message still missing"))
    watched = _select(_l("In the answer to"))
    after = _number(_l("After prompt number"))
    then_id = _text(_l("Id of the follow-up prompt"), 64)
    then_journalist = _select(_l("Journalist"))
    then_channel = _select(_l("Channel"))
    then_tone = _select(_l("Tone (empty: the journalist's)"))
    then_text = _area(_l("Follow-up question"), 5000)
    then_time_limit = _number(_l("Time limit (seconds)"))
    then_loaded_words = _area(_l("Loaded words not to repeat (one per line)"), 2000)
    then_coaching = _area(_l("Coaching note (shown only in the debrief)"), 5000)


class CriterionRow(Row):
    id = _select(_l("Criterion"))
    label = _text(_l("Label (empty: the common one)"), 200)
    points = _number(_l("Points"))


class RedFlagRow(Row):
    id = _id_field()
    label = _text(_l("Red flag"))
    penalty = _number(_l("Penalty (points)"))
    kind = _select(_l("Reported as"))
    cues = _area(_l("Cue phrases (one per line)"), 5000)


class NewScenarioForm(FlaskForm):
    """A new scenario starts as the skeleton with its own title and address, then is edited part by part."""

    title = StringField(_l("Title"), validators=[DataRequired(_l("Enter the title.")), Length(max=200)],
                        filters=[clean_text])
    slug = StringField(_l("Address (slug)"), validators=[DataRequired(_l("Enter the address (slug).")), Length(max=80),
                                                        Regexp(SLUG_PATTERN, message=_l(
                                                            "Use lower-case letters without accents, digits and "
                                                            "hyphens, e.g. ngap-lut-quan-7."))],
                       filters=[clean_text])


class PartForm(FlaskForm):
    """Fields every part page posts: the version it was opened on and the history note."""

    base_version = HiddenField()
    note = _text(_l("What changed (for the version history)"), 255)


class BriefForm(PartForm):
    title = _text(_l("Title"), 200)
    city = _text(_l("City or province"), 200)
    role = _area(_l("Your role in the scenario"), 1000)
    notice = _area(_l("Notice shown above the brief"), 1000)
    situation = _area(_l("Situation brief"), 5000)
    preparation_minutes = _number(_l("Timed preparation before the first prompt (minutes, empty: none)"))
    on_record = FieldList(FormField(FactRow), max_entries=MAX_ROWS)
    internal = FieldList(FormField(InternalFactRow), max_entries=MAX_ROWS)


def _list_form(row):
    return type(f"{row.__name__}Form", (PartForm,), {"rows": FieldList(FormField(row), max_entries=MAX_ROWS)})


class RubricForm(PartForm):
    # Empty keeps the common rubric's values, shown as placeholders.
    pass_threshold = _number(_l("Pass threshold (points out of 100)"), render_kw={"placeholder": DEFAULT_RUBRIC.pass_threshold})
    red_flags_to_fail = _number(_l("Red flags that fail the run"), render_kw={"placeholder": DEFAULT_RUBRIC.red_flags_to_fail})
    criteria = FieldList(FormField(CriterionRow), max_entries=MAX_ROWS)
    red_flags = FieldList(FormField(RedFlagRow), max_entries=MAX_ROWS)


FORMS = {
    "brief": BriefForm,
    "key_messages": _list_form(KeyMessageRow),
    "restricted": _list_form(RestrictedRow),
    "journalists": _list_form(JournalistRow),
    "prompts": _list_form(PromptRow),
    "follow_ups": _list_form(FollowUpRow),
    "rubric": RubricForm,
}

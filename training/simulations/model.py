"""The scenario model of a mock press conference (pure, frozen dataclasses).

A scenario follows content-brief section 6: a situation brief, facts split into on-record and
internal (each internal fact with its legal ground for withholding it), key messages and
restricted items (each with cue phrases the checks look for), journalists, prompts in order,
follow-up rules and a rubric. ``scenario.py`` reads and writes it as versioned JSON.
"""

from dataclasses import dataclass

from training.core.messages import N_
from training.simulations import phrases

SCHEMA = "spokesperson-scenario/1"

TONES = ("neutral", "expert", "emotional", "hostile", "hypothetical", "accountability", "follow_up")
CHANNELS = ("press_conference", "phone_interview", "social_media", "press_email_reply", "correction_request",
            "holding_statement")
# Answers on these channels are spoken in real life, so the sound-bite length checks apply.
SPOKEN_CHANNELS = frozenset({"press_conference", "phone_interview"})
# Tones on which the rubric expects the worry or anger to be acknowledged (criterion 5).
EMPATHY_TONES = frozenset({"emotional", "hostile"})

RESTRICTED_DISCLOSED = "restricted_disclosed"
KEY_MESSAGE_MISSING_AFTER = "key_message_missing_after"
EVASIVE_ANSWER = "evasive_answer"
CONDITIONS = (RESTRICTED_DISCLOSED, KEY_MESSAGE_MISSING_AFTER, EVASIVE_ANSWER)
ANY_PROMPT = "any"

# Finding kinds, in the order the checks run (DESIGN.md section 7).
KINDS = ("key_message", "restricted_disclosure", "evasive", "speculation", "unsupported_number", "loaded_words",
         "empathy", "commitment", "legal_basis", "length", "late")

# Red flags fed by a check rather than by their own cue phrases.
RESTRICTED_FLAG = "restricted_disclosure"
NUMBER_FLAG = "invented_figure"
FIXED_FLAG_KINDS = {RESTRICTED_FLAG: "restricted_disclosure", NUMBER_FLAG: "unsupported_number"}

# Criteria that score_run knows how to suggest a score for (content-brief section 6, common rubric).
CRITERIA = ("legal", "accuracy", "key_messages", "technique", "empathy", "action", "delivery")
# The criterion a red flag also weighs on, when it does not name one: promises touch the legal
# authority to speak (criterion 1), guesses the accuracy (2), anything else the technique (4).
FLAG_CRITERIA = {"restricted_disclosure": "legal", "commitment": "legal", "unsupported_number": "accuracy",
                 "speculation": "accuracy"}


@dataclass(frozen=True)
class LegalRef:
    """A citation of the legal register: a document's stable code (``luat-bao-chi-2016``) and article."""

    document: str
    article: str = ""


@dataclass(frozen=True)
class Fact:
    """One line of the facts sheet; internal facts carry the legal ground for withholding them."""

    id: str
    text: str
    legal_ground: str = ""
    legal_ref: LegalRef | None = None


@dataclass(frozen=True)
class KeyMessage:
    """A key message and the cue phrases that show it was delivered."""

    id: str
    title: str
    text: str
    cues: tuple = ()


@dataclass(frozen=True)
class RestrictedItem:
    """Something that must not be disclosed, the cue phrases that reveal it, and why."""

    id: str
    label: str
    legal_ground: str
    cues: tuple = ()
    fact: str = ""
    legal_ref: LegalRef | None = None


@dataclass(frozen=True)
class Journalist:
    """A fictional journalist (or member of the public) asking questions."""

    id: str
    name: str
    tone: str
    outlet: str = ""


@dataclass(frozen=True)
class Prompt:
    """One inject: a question, post or e-mail the spokesperson must answer in time."""

    id: str
    journalist: str
    text: str
    time_limit: int
    channel: str = "press_conference"
    tone: str = ""
    loaded_words: tuple = ()
    coaching: str = ""
    written: bool = False
    template: str = ""
    touches: tuple = ()


@dataclass(frozen=True)
class Condition:
    """When a follow-up fires: which check result, on which answer."""

    kind: str
    item: str = ""
    message: str = ""
    prompt: str = ""
    after: int = 0


@dataclass(frozen=True)
class FollowUpRule:
    """Insert ``prompt`` right after the answer that satisfied ``when`` (at most once per run)."""

    id: str
    when: Condition
    prompt: Prompt


@dataclass(frozen=True)
class Criterion:
    """A rubric criterion and its points."""

    id: str
    label: str
    points: int


@dataclass(frozen=True)
class RedFlag:
    """A serious error: its penalty, the finding kind it is reported as, and its cue phrases.

    ``prompts`` limits the cues to some prompts (empty: every prompt). The two fixed red flags
    (restricted disclosure, invented figure) are fed by their checks and have no cues.
    ``criterion`` is the rubric criterion it also lowers (empty: chosen by its kind).
    """

    id: str
    label: str
    penalty: int
    kind: str
    cues: tuple = ()
    prompts: tuple = ()
    criterion: str = ""

    @property
    def weighs_on(self):
        """Return the id of the criterion this red flag lowers besides its penalty."""
        return self.criterion or FLAG_CRITERIA.get(self.kind, "technique")


@dataclass(frozen=True)
class Bonus:
    """Bonus points when a cue appears in an answer before prompt ``before`` (0: any answer)."""

    label: str
    points: int
    cues: tuple
    before: int = 0


@dataclass(frozen=True)
class Rubric:
    """Criteria, red flags and the pass rule: total >= pass_threshold and fewer red flags than red_flags_to_fail."""

    criteria: tuple
    red_flags: tuple
    pass_threshold: int = 70
    red_flags_to_fail: int = 2
    bonus: Bonus | None = None

    @property
    def max_points(self):
        """Return the sum of the criteria points."""
        return sum(criterion.points for criterion in self.criteria)


DEFAULT_CRITERIA = (
    Criterion("legal", N_("Legal compliance"), 20),
    Criterion("accuracy", N_("Accuracy and consistency"), 20),
    Criterion("key_messages", N_("Key messages"), 15),
    Criterion("technique", N_("Answering technique"), 15),
    Criterion("empathy", N_("Empathy and respect"), 10),
    Criterion("action", N_("Action and time commitments"), 10),
    Criterion("delivery", N_("Delivery"), 10),
)
DEFAULT_RED_FLAGS = (
    RedFlag(RESTRICTED_FLAG, N_("Disclosed restricted information"), 20, "restricted_disclosure"),
    RedFlag(NUMBER_FLAG, N_("Invented or guessed figures"), 20, "unsupported_number"),
    RedFlag("premature_blame", N_("Blamed someone before any conclusion"), 20, "speculation",
            phrases.PREMATURE_BLAME),
    RedFlag("overpromise", N_("Promised beyond one's authority"), 20, "commitment", phrases.OVERPROMISE),
    RedFlag("premature_reassurance", N_("Said it is nothing serious before the results"), 20, "speculation",
            phrases.PREMATURE_REASSURANCE),
    RedFlag("insulting_journalist", N_("Insulted the journalist"), 20, "loaded_words", phrases.INSULTS,
            criterion="empathy"),
)
DEFAULT_RUBRIC = Rubric(criteria=DEFAULT_CRITERIA, red_flags=DEFAULT_RED_FLAGS)


@dataclass(frozen=True)
class Scenario:
    """A complete press-conference scenario."""

    slug: str
    title: str
    city: str
    situation: str
    on_record: tuple
    internal: tuple
    key_messages: tuple
    restricted: tuple
    journalists: tuple
    prompts: tuple
    follow_ups: tuple = ()
    rubric: Rubric = DEFAULT_RUBRIC
    role: str = ""
    notice: str = ""
    #: Timed study of the brief before the first prompt (minutes; 0: none).
    preparation_minutes: int = 0

    def legal_refs(self):
        """Return every register citation of the scenario (internal facts, then restricted items)."""
        return tuple(x.legal_ref for x in (*self.internal, *self.restricted) if x.legal_ref is not None)

    def journalist(self, journalist_id):
        """Return the journalist with ``journalist_id`` (``None`` if unknown)."""
        return next((j for j in self.journalists if j.id == journalist_id), None)

    def prompt(self, prompt_id):
        """Return the scripted or follow-up prompt with ``prompt_id`` (``None`` if unknown)."""
        for prompt in self.prompts:
            if prompt.id == prompt_id:
                return prompt
        return next((rule.prompt for rule in self.follow_ups if rule.prompt.id == prompt_id), None)

    def position(self, prompt_id):
        """Return the 1-based position of a scripted prompt (``None`` for follow-ups and unknown ids)."""
        for index, prompt in enumerate(self.prompts, start=1):
            if prompt.id == prompt_id:
                return index
        return None

    def tone(self, prompt):
        """Return the tone of ``prompt``: its own, else its journalist's."""
        if prompt.tone:
            return prompt.tone
        journalist = self.journalist(prompt.journalist)
        return journalist.tone if journalist else "neutral"

    def restricted_item(self, item_id):
        """Return the restricted item with ``item_id`` (``None`` if unknown)."""
        return next((item for item in self.restricted if item.id == item_id), None)

    def key_message(self, message_id):
        """Return the key message with ``message_id`` (``None`` if unknown)."""
        return next((message for message in self.key_messages if message.id == message_id), None)

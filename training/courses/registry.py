"""What kinds of items a course can hold, and who can cite the legal register.

Courses know lessons; quizzes and simulations register their kinds here from their own
``setup.init_app``, so the course outline can link to a quiz without importing the quizzes
feature (DESIGN.md section 3: no ``if kind == "quiz"`` chains).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ItemKind:
    """How a course shows and links one kind of item.

    :param learner_endpoint: endpoint opening the item for a learner, called with ``item_id``.
    :param author_endpoint: endpoint editing the item's content, called with ``item_id``.
    :param create_endpoint: endpoint adding a new item of this kind, called with ``module_id``.
    """

    name: str
    label: object
    learner_endpoint: str
    author_endpoint: str
    create_endpoint: str | None = None
    icon: str = "file-text"
    order: int = 50


@dataclass(frozen=True)
class CitationTarget:
    """How to show something that cites a legal document (a lesson, a question...).

    :param describe: ``(target_ids) -> {id: (title, context, endpoint, url_values)}`` in one query.
    """

    name: str
    label: object
    describe: object


ITEM_KINDS: dict = {}
CITATION_TARGETS: dict = {}


def register_item_kind(kind):
    """Make ``kind`` available in course outlines and the structure editor."""
    ITEM_KINDS[kind.name] = kind


def register_citation_target(target):
    """Let the legal register list and link citations made by ``target``."""
    CITATION_TARGETS[target.name] = target


def item_kind(name):
    """Return the registered kind ``name`` (a removed feature's items fall back to a plain entry)."""
    return ITEM_KINDS.get(name) or ItemKind(name, name, "courses.course_page", "courses.structure")


@dataclass(frozen=True)
class ClassAction:
    """A button another feature offers on a training class's page (its endpoint takes ``class``).

    :param rule: the ``AccessRule`` of the endpoint; the button shows only to users it permits.
    """

    endpoint: str
    label: object
    rule: object
    icon: str = ""


CLASS_ACTIONS: dict = {}
#: ``notice(user, course, enrollment) -> [{"text", "url", "link"}]``, asked by the course page.
COURSE_NOTICES: list = []


def register_class_action(action):
    """Offer ``action`` on every training class's page."""
    CLASS_ACTIONS[action.endpoint] = action


def class_actions_for(user):
    """Return the class-page actions ``user`` may use."""
    return [action for action in CLASS_ACTIONS.values() if action.rule.permits(user)]


def register_course_notice(notice):
    """Let a feature put a banner on the learner's course page (it should cost no query when it has nothing)."""
    if notice not in COURSE_NOTICES:
        COURSE_NOTICES.append(notice)


def course_notices(user, course, enrollment):
    """Return the banners the registered features have for ``user`` on ``course``'s page."""
    return [item for notice in COURSE_NOTICES for item in notice(user, course, enrollment)]

"""Signals the courses feature sends; later features subscribe in their ``setup.init_app``."""

from blinker import Namespace

_signals = Namespace()

#: Sent once when an enrolment becomes complete (every required item done).
#: *sender*: the :class:`~training.courses.models.Enrollment` (``completed_at`` is set);
#: keyword ``now``: the completion instant. Certificates subscribe to issue or queue one.
course_completed = _signals.signal("course-completed")

#: Sent after ``record_item_result`` wrote a result. *sender*: the ItemResult;
#: keywords ``enrollment`` and ``now``. Reports may subscribe to invalidate caches.
item_result_recorded = _signals.signal("item-result-recorded")

#: Sent when a legal document is marked superseded. *sender*: the LegalDocument;
#: keywords ``actor``, ``now``. Certificates may subscribe to offer a refresher.
legal_document_superseded = _signals.signal("legal-document-superseded")

"""Signals of the quizzes feature (for certificates, reports and notifications)."""

from blinker import Namespace

_signals = Namespace()

#: Sent with the attempt when a learner's quiz result first becomes a pass (``now`` as keyword).
quiz_passed = _signals.signal("quiz-passed")

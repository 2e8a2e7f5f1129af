"""Quiz models: the question bank (categories, questions, versions, tags), quizzes and attempts."""

from training.quizzes.models.attempt import AttemptAnswer, QuizAttempt
from training.quizzes.models.bank import Question, QuestionCategory, QuestionTag, QuestionVersion
from training.quizzes.models.quiz import Quiz, QuizOverride, QuizSlot

__all__ = ["AttemptAnswer", "Question", "QuestionCategory", "QuestionTag", "QuestionVersion", "Quiz",
           "QuizAttempt", "QuizOverride", "QuizSlot"]

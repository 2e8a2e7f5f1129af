"""Quizzes: question banks, question versions, quizzes, attempts, grading and statistics."""

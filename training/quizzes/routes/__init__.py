"""Quiz routes: learner pages (taking quizzes), authoring, grading, the question bank."""

"""Simulation routes: learner press room and debrief, trainer review, scenario authoring."""

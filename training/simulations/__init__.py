"""Simulations: mock press conferences and crisis drills (scenarios, runs, checks, reviews)."""

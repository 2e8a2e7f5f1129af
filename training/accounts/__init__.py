"""Accounts: people, roles, logging in and out, and the roster."""

"""Tests of the certificates feature."""

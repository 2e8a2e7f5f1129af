"""Certificates: the register of issued certificates, their PDF, and public verification."""

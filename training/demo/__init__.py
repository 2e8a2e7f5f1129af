"""Demo data for a first run: the fictional city of Vũng Tàu's units, people and content.

Loaded only by ``flask seed-demo``; a production installation starts empty.
"""

"""Course pages: learn.py for learners, author.py for trainers, enrol.py and classes.py for admins, legal.py."""

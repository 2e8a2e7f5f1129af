"""Certificate blueprints: public verification, the learner's page, the register and issuing."""

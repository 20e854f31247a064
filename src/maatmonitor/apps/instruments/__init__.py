"""Questionnaire versions in the database, council comments on draft items."""

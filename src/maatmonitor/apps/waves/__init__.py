"""Waves (metingen): questionnaire version, sample manifest and population margins per audience."""

"""Fieldwork (veldwerk): sampled units, personal codes, invitations and the respondent questionnaire."""

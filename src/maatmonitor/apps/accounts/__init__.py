"""Users, roles and district scoping."""

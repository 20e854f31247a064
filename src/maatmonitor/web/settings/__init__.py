"""Settings split by environment: base, dev, test, production. Pick one with DJANGO_SETTINGS_MODULE."""

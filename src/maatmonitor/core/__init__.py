"""Pure domain logic. Nothing under this package may import Django (tests/core/test_purity.py)."""

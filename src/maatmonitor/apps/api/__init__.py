"""REST API v1 (Django REST framework + drf-spectacular): results, signals, initiatives."""

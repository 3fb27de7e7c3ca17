"""The JSON API of the sources app: serializers, viewsets (registered in config/api_router.py)."""

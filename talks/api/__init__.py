"""The JSON API of the talks app: serializers, viewsets (registered in config/api_router.py)."""

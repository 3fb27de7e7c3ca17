"""The JSON API of the actors app: serializers, viewsets (registered in config/api_router.py)."""

"""The site's shared toolkit: what every app's pages and API resources are built with (paging, serializer
fields, filters, permissions, errors, renderers and exports, schema helpers, JSON-LD). Apps import it; it imports
no app, and nothing imports config."""

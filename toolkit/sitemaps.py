"""sitemap.xml: the site's own pages by URL name, and every record's page (django.contrib.sitemaps)."""

from django.contrib.sitemaps import GenericSitemap, Sitemap
from django.urls import reverse


class PagesSitemap(Sitemap):
    """The pages that are not a record's: the timeline, the index pages, the figures."""

    def __init__(self, names):
        self.names = names

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


def records_sitemap(queryset):
    """Every record of `queryset`, by its get_absolute_url, in a stable order (paged by 50,000 per file)."""
    return GenericSitemap({"queryset": queryset.order_by("pk")})

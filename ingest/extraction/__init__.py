"""The extraction engine: an article's text in, proposals tied to the knowledge base out.

Pure Python over plain data: it never imports the ORM, so phase 2 can call it from a management command,
an API view or a test alike.
"""

from .dates import AnchorDate, Period
from .extract import extract
from .html import reduce_html
from .kb import KnowledgeBase
from .model import Extraction, Proposal

__all__ = ["AnchorDate", "Extraction", "KnowledgeBase", "Period", "Proposal", "extract", "reduce_html"]

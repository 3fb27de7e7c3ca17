"""A new article for the review's tests, written for them: it tells of a round the knowledge base knows (the
seventh Geneva round, planned for June 2017) what no curated article says, its days, and a new death toll."""

from django.contrib.auth import get_user_model

HEADLINE = "Syria talks end in Geneva with no breakthrough"
ARTICLE = f"""{HEADLINE}

GENEVA (Reuters) - The seventh round of Geneva talks ended on Friday without a breakthrough, U.N. envoy Staffan de Mistura said.

The talks opened on Monday, July 10, and brought the government delegation, led by Bashar al-Jaafari, face to face with the opposition.

More than 320,000 people have been killed in the war, a monitoring group says.
"""  # noqa: E501
PUBLISHED = "2017-07-15"
ROUND = "seventh-round-of-geneva-talks"
FIGURE = "death-toll-320000-2017-07-15"
SLUG = "syria-talks-end-in-geneva-with-no-breakthrough"


def curator(username="curator"):
    return get_user_model().objects.create_user(username, password="pw-for-tests-only", is_staff=True,
                                                is_superuser=True)  # fmt: skip

from django.apps import AppConfig


class DatasetConfig(AppConfig):
    """The dataset as released: versioned packages of the public data. (Not named `releases`: that is the
    directory, RELEASES_DIR, where the packages themselves are written.)"""

    name = "dataset"
    verbose_name = "Dataset releases"

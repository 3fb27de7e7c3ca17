from django.apps import AppConfig


class DataVersionConfig(AppConfig):
    name = "dataversion"
    verbose_name = "Data version"

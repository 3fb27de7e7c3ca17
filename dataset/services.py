"""Making a release: the package built aside, checked, and moved into place with its record in one step."""

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dataversion.services import data_changed
from talks.models import Milestone, TalkRound

from .models import Release
from .package import public_sources, sha256, write_package, write_zip
from .status import history_row_count, latest_release

EMPTY = "The database holds no public records to release: load them first (make load)."


def releases_dir():
    return Path(settings.RELEASES_DIR)


def release_make(*, version: str) -> Release:
    """Freeze the public data as `version`: RELEASES_DIR/<version>/ holds the package's directory and its zip.

    Nothing is left behind by a release that fails: the files are written in a temporary directory beside
    the releases and renamed into place, in the transaction that records the release, only once all is written.
    """
    release = Release(version=version, made_at=timezone.now(), counts={}, files={}, zip_bytes=0, zip_sha256="0" * 64)
    release.full_clean(exclude=["history_rows", "counts", "files"])
    if not public_sources().exists() or not (TalkRound.objects.exists() or Milestone.objects.exists()):
        raise ValidationError(EMPTY)
    root = releases_dir()
    root.mkdir(parents=True, exist_ok=True)
    final = root / version
    if final.exists():
        raise ValidationError(f"{final} exists already: a release's files are never replaced.")
    with tempfile.TemporaryDirectory(dir=root, prefix=f".making-{version}-") as work:
        staging = Path(work) / version
        staging.mkdir()
        moved = False
        try:
            with transaction.atomic():
                release.history_rows = history_row_count()
                release.counts, release.files = write_package(
                    staging / release.name, version=version, made_at=release.made_at, previous=latest_release()
                )
                write_zip(staging / release.name, staging / release.zip_name)
                release.zip_bytes = (staging / release.zip_name).stat().st_size
                release.zip_sha256 = sha256(staging / release.zip_name)
                release.full_clean()
                release.save()
                # Every page's "Cite this" names the latest release: what the site answers has changed, so the
                # version moves, and no copy kept under the old one (a reader's, or a kept page) is served again.
                data_changed()
                os.rename(staging, final)
                moved = True
        except BaseException:
            # The record was not kept (the transaction rolled back): neither are its files.
            if moved:
                shutil.rmtree(final, ignore_errors=True)
            raise
    return release

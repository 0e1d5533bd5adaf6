"""Backups: the database and the uploaded files in one dated archive, with checksums.

An archive ``semfronteiras-YYYYMMDD-HHMMSS.tar.gz`` holds
- ``database.sqlite3`` (SQLite's online backup API: consistent while the site runs) or
  ``database.pgdump`` (``pg_dump --format=custom``),
- ``media/…``, every uploaded file,
- ``manifest.json``: when, which database engine, and the SHA-256 of every member.
Beside it, ``<archive>.sha256`` in ``sha256sum`` format (``sha256sum -c`` checks it).

Restoring checks both checksums before touching anything, refuses to overwrite a
database that has data unless forced, and extracts only plain files inside the media
folder (tar's "data" filter: no absolute paths, no ``..``, no links out).
"""

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump/pg_restore with fixed arguments, no shell
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

ARCHIVE_PREFIX = "semfronteiras-"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore from Django's settings."""
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return args, env


def _program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client).")
    return path


def _dump_database(folder: Path) -> Path:
    if connection.in_atomic_block:
        # SQLite's backup would wait for ever for our own open write transaction.
        raise BackupError("A backup cannot be taken inside a database transaction.")
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return target
    if connection.vendor == "postgresql":
        target = folder / "database.pgdump"
        args, env = _pg_env()
        subprocess.run(  # noqa: S603 - fixed program and options; names from settings
            [_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args],
            env=env,
            check=True,
            capture_output=True,
        )
        return target
    raise BackupError(f"No backup method for the {connection.vendor} database.")


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def create_backup(output_dir: Path) -> Path:
    """Write a new archive into ``output_dir``; return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"{ARCHIVE_PREFIX}{stamp}.tar.gz"
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        database = _dump_database(Path(tmp))
        members = {database.name: database}
        members.update({f"media/{p.relative_to(media_root)}": p for p in _media_files()})
        manifest = {
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "engine": connection.vendor,
            "database": database.name,
            "files": {name: sha256_of(path) for name, path in members.items()},
        }
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name, path in members.items():
                tar.add(path, arcname=name, recursive=False)
        partial.rename(archive)
    checksum_file(archive).write_text(f"{sha256_of(archive)}  {archive.name}\n")
    return archive


def checksum_file(archive: Path) -> Path:
    return archive.with_name(archive.name + ".sha256")


def verify_archive(archive: Path) -> dict:
    """Check the archive against its .sha256 and every member against the manifest;
    return the manifest. Raises BackupError on any mismatch."""
    sums = checksum_file(archive)
    if not sums.exists():
        raise BackupError(f"{sums.name} is missing: cannot check the archive.")
    expected = sums.read_text().split()[0]
    if sha256_of(archive) != expected:
        raise BackupError(f"{archive.name} does not match its checksum: it is damaged.")
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
        for name, digest in manifest["files"].items():
            handle = tar.extractfile(name)
            if handle is None:
                raise BackupError(f"{name} is missing from the archive.")
            actual = hashlib.sha256()
            while chunk := handle.read(CHUNK):
                actual.update(chunk)
            if actual.hexdigest() != digest:
                raise BackupError(f"{name} does not match the manifest.")
    return manifest


def database_has_data() -> bool:
    from django.contrib.auth.models import User

    return User.objects.exists()


def _restore_database(path: Path, engine: str) -> None:
    if engine != connection.vendor:
        raise BackupError(
            f"The archive holds a {engine} database; this site uses {connection.vendor}."
        )
    if engine == "sqlite":
        source = sqlite3.connect(path)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        return
    args, env = _pg_env()
    connection.close()
    subprocess.run(  # noqa: S603 - fixed program and options; names from settings
        [
            _program("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *args,
            str(path),
        ],
        env=env,
        check=True,
        capture_output=True,
    )


def restore_backup(archive: Path) -> dict:
    """Replace the database and the media files with the archive's. The caller checks
    that overwriting is wanted."""
    manifest = verify_archive(archive)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        _restore_database(Path(tmp) / manifest["database"], manifest["engine"])
        if media_root.exists():
            shutil.rmtree(media_root)
        extracted = Path(tmp) / "media"
        if extracted.exists():
            shutil.copytree(extracted, media_root)
        else:
            media_root.mkdir(parents=True)
    return manifest

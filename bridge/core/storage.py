"""Where uploaded files live: a folder on this machine (the default) or an S3-compatible object store.

The app talks to one `Storage` (put, open, delete, exists, names); `storage()` builds it from the
configuration. QSER_STORAGE_BACKEND=local keeps files below QSER_STORAGE_DIR; QSER_STORAGE_BACKEND=s3
keeps them in the bucket QSER_S3_BUCKET (below QSER_S3_PREFIX), at QSER_S3_ENDPOINT_URL for an
S3-compatible store other than AWS (MinIO, Ceph, Garage ...). Credentials come from boto3's usual
chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile or the machine's role), never from the app's
configuration. boto3 is an optional extra: `pip install 'qser-bridge[s3]'`.

Names are relative, '/'-separated and checked by the caller (bridge.core.uploads); each backend
refuses a name that would leave its root.
"""
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol

from flask import current_app

SPOOL_BYTES = 4 * 1024 * 1024  # a download from the object store spills to disk above this size


class StoredFileMissing(LookupError):
    """The storage has no file of that name."""


class Storage(Protocol):
    """What the app needs from a file store."""

    def put(self, name: str, data: bytes) -> None:
        """Store the bytes under the name (replacing a file of that name)."""

    def open(self, name: str) -> IO[bytes]:
        """Return the file for reading (the caller closes it); raise StoredFileMissing."""

    def delete(self, name: str) -> None:
        """Remove the file if it exists."""

    def exists(self, name: str) -> bool:
        """Return whether a file of that name is stored."""

    def names(self) -> Iterator[str]:
        """Yield the name of every stored file."""


def _check(name: str) -> str:
    parts = name.split("/")
    if not name or name.startswith("/") or any(p in ("", ".", "..") or "\\" in p for p in parts):
        raise ValueError(f"unsafe storage name: {name!r}")
    return name


class LocalStorage:
    """Files in a folder of this machine (or a shared network file system mounted on every web machine)."""

    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()

    def path(self, name: str) -> Path:
        """Return the absolute path of a name, refusing names that leave the root."""
        path = (self.root / _check(name)).resolve()
        if self.root not in path.parents:
            raise ValueError(f"unsafe storage name: {name!r}")
        return path

    def put(self, name: str, data: bytes) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(data)
        partial.replace(path)  # readers never see half a file

    def open(self, name: str) -> IO[bytes]:
        try:
            return self.path(name).open("rb")
        except (FileNotFoundError, IsADirectoryError):
            raise StoredFileMissing(name) from None

    def delete(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def names(self) -> Iterator[str]:
        if self.root.is_dir():
            for path in sorted(self.root.rglob("*")):
                if path.is_file() and not path.name.endswith(".partial"):
                    yield path.relative_to(self.root).as_posix()


class S3Storage:
    """Objects in an S3-compatible bucket, below a prefix (several installations can share a bucket)."""

    def __init__(self, client, bucket: str, prefix: str = ""):
        self.client, self.bucket, self.prefix = client, bucket, prefix.strip("/")

    @classmethod
    def from_config(cls, config) -> "S3Storage":
        """Build the store from QSER_S3_* settings (boto3 must be installed: the 's3' extra)."""
        try:
            import boto3
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise RuntimeError("QSER_STORAGE_BACKEND=s3 needs boto3: pip install 'qser-bridge[s3]'") from exc
        if not config.get("S3_BUCKET"):
            raise RuntimeError("QSER_STORAGE_BACKEND=s3 needs QSER_S3_BUCKET")
        client = boto3.client("s3", endpoint_url=config.get("S3_ENDPOINT_URL") or None,
                              region_name=config.get("S3_REGION") or None)
        return cls(client, config["S3_BUCKET"], config.get("S3_PREFIX") or "")

    def key(self, name: str) -> str:
        """Return the object key of a name."""
        return f"{self.prefix}/{_check(name)}" if self.prefix else _check(name)

    def _missing(self, exc) -> bool:
        return exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound")

    def put(self, name: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.key(name), Body=data)

    def open(self, name: str) -> IO[bytes]:
        from botocore.exceptions import ClientError

        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self.key(name))["Body"]
        except ClientError as exc:
            if self._missing(exc):
                raise StoredFileMissing(name) from None
            raise
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # seekable, memory stays flat
        try:
            for chunk in iter(lambda: body.read(1024 * 1024), b""):
                spool.write(chunk)
        finally:
            body.close()
        spool.seek(0)
        return spool

    def delete(self, name: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.key(name))

    def exists(self, name: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(name))
        except ClientError as exc:
            if self._missing(exc):
                return False
            raise
        return True

    def names(self) -> Iterator[str]:
        start = f"{self.prefix}/" if self.prefix else ""
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=start):
            for item in page.get("Contents", []):
                yield item["Key"][len(start):]


def build(config) -> Storage:
    """Return the store the configuration names (QSER_STORAGE_BACKEND: local or s3)."""
    backend = (config.get("STORAGE_BACKEND") or "local").lower()
    if backend == "local":
        return LocalStorage(config["STORAGE_DIR"])
    if backend == "s3":
        return S3Storage.from_config(config)
    raise RuntimeError(f"unknown QSER_STORAGE_BACKEND {backend!r} (use local or s3)")


def storage() -> Storage:
    """Return the app's store (built once per app)."""
    store = current_app.extensions.get("qser_storage")
    if store is None:
        store = current_app.extensions["qser_storage"] = build(current_app.config)
    return store

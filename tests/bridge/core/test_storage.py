"""The file storage: the same behaviour from the local folder and from an S3-compatible store.

The S3 backend runs against moto's in-process fake of S3 (no network); it skips where boto3 or moto is
not installed (they come with the 'dev' extra).
"""
import io

import pytest

from bridge.core import storage as storage_module
from bridge.core import uploads
from bridge.core.storage import LocalStorage, S3Storage, StoredFileMissing

BUCKET = "qser-test-files"


@pytest.fixture
def s3_client(monkeypatch):
    pytest.importorskip("boto3")
    moto = pytest.importorskip("moto")
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "eu-central-1"}.items():
        monkeypatch.setenv(name, value)
    import boto3

    with moto.mock_aws():
        client = boto3.client("s3", region_name="eu-central-1")
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
        yield client


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    if request.param == "local":
        return LocalStorage(tmp_path / "files")
    return S3Storage(request.getfixturevalue("s3_client"), BUCKET, prefix="org-a")


def test_put_open_exists_delete_and_names(store):
    assert list(store.names()) == [] and not store.exists("pairs/1/a")
    store.put("pairs/1/a", b"first")
    store.put("applications/b", b"\x00" * 3)
    store.put("pairs/1/a", b"replaced")
    with store.open("pairs/1/a") as handle:
        assert handle.read() == b"replaced"
    assert store.exists("pairs/1/a") and sorted(store.names()) == ["applications/b", "pairs/1/a"]
    store.delete("pairs/1/a")
    store.delete("pairs/1/a")  # deleting what is gone is no error
    assert not store.exists("pairs/1/a") and list(store.names()) == ["applications/b"]
    with pytest.raises(StoredFileMissing):
        store.open("pairs/1/a")


@pytest.mark.parametrize("name", ["../outside", "/etc/passwd", "pairs/../../x", "pairs//x", "", "a\\b"])
def test_names_that_leave_the_store_are_refused(store, name):
    with pytest.raises(ValueError):
        store.put(name, b"x")
    with pytest.raises(ValueError):
        store.open(name)


def test_s3_keys_stay_below_the_prefix(s3_client):
    S3Storage(s3_client, BUCKET, prefix="org-a").put("pairs/1/a", b"mine")
    S3Storage(s3_client, BUCKET, prefix="org-b").put("pairs/1/b", b"theirs")
    keys = sorted(item["Key"] for item in s3_client.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert keys == ["org-a/pairs/1/a", "org-b/pairs/1/b"]
    assert list(S3Storage(s3_client, BUCKET, prefix="org-a").names()) == ["pairs/1/a"]


def test_large_s3_download_is_spooled_and_complete(s3_client, monkeypatch):
    monkeypatch.setattr(storage_module, "SPOOL_BYTES", 1024)
    store = S3Storage(s3_client, BUCKET)
    data = bytes(range(256)) * 20_000  # 5 MB: read in chunks, spilled to disk
    store.put("big", data)
    with store.open("big") as handle:
        assert handle.read() == data


def test_unknown_backend_and_missing_bucket_are_configuration_errors(tmp_path):
    with pytest.raises(RuntimeError, match="unknown"):
        storage_module.build({"STORAGE_BACKEND": "ftp", "STORAGE_DIR": str(tmp_path)})
    pytest.importorskip("boto3")
    with pytest.raises(RuntimeError, match="QSER_S3_BUCKET"):
        storage_module.build({"STORAGE_BACKEND": "s3"})


@pytest.mark.app_config(STORAGE_BACKEND="s3", S3_BUCKET=BUCKET, S3_PREFIX="uploads")
def test_documents_go_to_s3_and_come_back_as_downloads(app, db, s3_client, client, make_person):
    from bridge.modules.pairing.models import Pair, PairTransition

    mentee = make_person(roles=["mentee"])
    pair = Pair(mentor_id=make_person(roles=["mentor"]).id, mentee_id=mentee.id, state="introduced", source="manual")
    pair.transitions.append(PairTransition(from_state=None, to_state="introduced"))
    db.session.add(pair)
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = mentee.account.get_id(), True
    answer = client.post(f"/pairs/{pair.id}/documents", data={"file": (io.BytesIO(b"%PDF-1.4 plan"), "plan.pdf")},
                         content_type="multipart/form-data")
    assert answer.status_code in (302, 303), answer.text[:300]
    keys = [item["Key"] for item in s3_client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert len(keys) == 1 and keys[0].startswith(f"uploads/pairs/{pair.id}/")
    from bridge.modules.mentoring.models import Document

    document = db.session.scalars(db.select(Document)).one()
    download = client.get(f"/pairs/{pair.id}/documents/{document.id}", buffered=True)
    assert download.status_code == 200 and download.data == b"%PDF-1.4 plan"
    uploads.remove(document.storage_name)
    assert client.get(f"/pairs/{pair.id}/documents/{document.id}").status_code == 404


@pytest.mark.app_config(STORAGE_BACKEND="s3", S3_BUCKET=BUCKET)
def test_a_refused_upload_leaves_no_object_in_s3(app, db, s3_client):
    name = uploads.store(b"data", "pairs/9")
    assert uploads.exists(name)
    db.session.rollback()
    assert not uploads.exists(name)
    assert s3_client.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0

"""The tandem's document folder: checked uploads, listing and deleting one's own uploads."""
from bridge.core import audit, uploads
from bridge.core.db import db
from bridge.core.effects import after_commit
from bridge.core.errors import N_
from bridge.core.permissions import require
from bridge.modules.pairing.util import require_member, require_open
from bridge.modules.mentoring.models import Document
from bridge.modules.pairing.models import Pair


def pair_documents(pair: Pair) -> list[Document]:
    """Return the tandem's documents, newest first."""
    return db.session.scalars(db.select(Document).where(Document.pair_id == pair.id)
                              .order_by(Document.created_at.desc(), Document.id.desc())).all()


def upload_document(actor, pair: Pair, file_storage, max_bytes: int) -> Document:
    """Check an uploaded file by its content and store it in the tandem's folder."""
    require_member(actor, pair)
    require_open(pair)
    kind, mimetype, data = uploads.check_upload(file_storage, uploads.DOCUMENTS, max_bytes)
    document = Document(pair_id=pair.id, owner_id=actor.id, kind=kind, mimetype=mimetype, size=len(data),
                        original_name=uploads.display_name(file_storage.filename, kind),
                        sha256=uploads.sha256_hex(data), storage_name=uploads.store(data, f"pairs/{pair.id}"))
    db.session.add(document)
    db.session.flush()
    audit.record(actor, "document.uploaded", document, document.original_name, pair=pair.id, sha256=document.sha256)
    return document


def delete_document(actor, document: Document) -> None:
    """Delete one's own upload (coordinators may delete any); the file goes from the disk after the commit."""
    require(actor, "delete", document, N_("You can only delete documents you uploaded."))
    audit.record(actor, "document.deleted", document, document.original_name, pair=document.pair_id)
    after_commit(uploads.remove, document.storage_name)
    db.session.delete(document)
    db.session.flush()

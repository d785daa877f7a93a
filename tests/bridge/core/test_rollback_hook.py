"""Outside changes made inside a transaction are undone when it does not commit, and kept when it does."""
from bridge.core.effects import on_rollback


def test_undo_runs_on_rollback(db):
    undone = []
    on_rollback(undone.append, "cv-file")
    db.session.rollback()
    assert undone == ["cv-file"]


def test_undo_is_forgotten_after_commit(db):
    undone = []
    on_rollback(undone.append, "cv-file")
    db.session.commit()
    db.session.rollback()
    db.session.close()
    assert undone == []

"""The cached catalogue the web layer uses: cheap when unchanged, fresh after an edit."""
import pytest

from scorm_packages import InvalidContent, catalogue, find_module

from .helpers import MODULE_DIR, edit


def test_catalogue_returns_cached_modules_until_a_file_changes(oer_copy):
    (first,) = catalogue(oer_copy)
    assert catalogue(oer_copy)[0] is first
    edit(oer_copy / MODULE_DIR / "de" / "01-willkommen.md", "kurze Modul", "kleine Modul")
    (second,) = catalogue(oer_copy)
    assert second is not first and second.fingerprint != first.fingerprint


def test_catalogue_raises_on_broken_content(oer_copy):
    edit(oer_copy / MODULE_DIR / "module.yaml", "order: 1", "order: first")
    with pytest.raises(InvalidContent) as caught:
        catalogue(oer_copy)
    assert "module.yaml:3: 'order' must be a whole number" in str(caught.value)


def test_find_module_by_id(oer_copy):
    assert find_module("intercultural-basics", oer_copy).order == 1
    with pytest.raises(KeyError, match="no module with id 'other'"):
        find_module("other", oer_copy)

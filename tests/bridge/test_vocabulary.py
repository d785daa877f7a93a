"""Module and competence vocabulary comes from oer/ only, with the seed's German names."""
from bridge.core.competences import competence_keys, competence_label
from bridge.core.vocabulary import expand, module_ids, module_title, total_minutes
from bridge.modules.help.operations import load_page
from bridge.modules.training.models import OER_MODULES

SEED_TITLES = {
    "multiculturalism": "Einführung in Multikulturalismus und Einwanderung",
    "diversity": "Vielfalt als Quelle des kulturellen Wohlstands",
    "intercultural-communication":
        "Interkulturelle Kommunikation: Auf dem Weg zum gegenseitigen Verständnis",
}


def test_module_ids_and_german_titles_are_the_seeds():
    assert module_ids() == OER_MODULES == tuple(SEED_TITLES)
    assert {m: module_title(m, "de") for m in module_ids()} == SEED_TITLES
    assert module_title("diversity", "en") == "Diversity as a source of cultural wealth"
    assert module_title("unknown", "de") == "unknown"


def test_competence_labels_follow_the_seed():
    assert len(competence_keys()) == 9
    assert competence_label("self_awareness", "de") == "Selbsterkenntnis"
    assert "Bescheidenheit" in competence_label("humility_respect", "de")


def test_expand_fills_titles_and_hours_from_module_metadata():
    assert total_minutes() == 360
    assert expand("[[module:diversity]], etwa [[hours]] Stunden", "de") == (
        "Vielfalt als Quelle des kulturellen Wohlstands, etwa 6 Stunden")


def test_help_pages_show_seed_titles_and_the_metadata_duration():
    page = load_page("job-shadowing-training-path", "de")
    assert SEED_TITLES["diversity"] in page.body and "etwa 6 Stunden" in page.body
    assert "[[" not in load_page("getting-started", "en").body

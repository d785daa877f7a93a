"""YAML from people (form definitions): safe loading with dates kept as text, so no impossible date crashes."""
import yaml


class TextDatesLoader(yaml.SafeLoader):
    """A safe loader that leaves date-like scalars as strings (`2026-02-30` stays text, JSON columns stay valid)."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_text(source: str):
    """Parse YAML written by a person; raise yaml.YAMLError for bad syntax."""
    return yaml.load(source, Loader=TextDatesLoader)  # noqa: S506 (a SafeLoader subclass)

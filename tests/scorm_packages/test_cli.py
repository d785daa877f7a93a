"""The `oer` click group: build prints what it wrote; validate names file and line."""
import re

from click.testing import CliRunner

from scorm_packages.cli import oer

from .helpers import FIXTURE_OER, MODULE_DIR, edit, line_of


def run(*args, env=None):
    """Invoke the `oer` group and return the result."""
    return CliRunner().invoke(oer, list(args), env=env, catch_exceptions=False)


def test_build_writes_every_language_and_standard_with_sha256(tmp_path):
    result = run("build", "--oer-dir", str(FIXTURE_OER), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*.zip"))) == 8
    assert len(re.findall(r"sha256 [0-9a-f]{64}", result.output)) == 8
    assert "[8/8]" in result.output and "wrote 8 package(s)" in result.output


def test_build_filters_standard_language_and_module(tmp_path):
    result = run("build", "--oer-dir", str(FIXTURE_OER), "--out", str(tmp_path),
                 "--standard", "scorm2004", "--standard", "imscp", "--lang", "de",
                 "--module", "intercultural-basics")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.zip")) == [
        "intercultural-basics-de-imscp.zip", "intercultural-basics-de-scorm2004.zip"]


def test_build_unknown_module_fails(tmp_path):
    result = run("build", "--oer-dir", str(FIXTURE_OER), "--out", str(tmp_path),
                 "--module", "nope")
    assert result.exit_code == 1 and "unknown module(s): nope" in result.output


def test_build_reads_oer_dir_from_environment(tmp_path):
    result = run("build", "--out", str(tmp_path), "--lang", "en", "--standard", "scorm12",
                 env={"QSER_OER_DIR": str(FIXTURE_OER)})
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.glob("*.zip")] == ["intercultural-basics-en-scorm12.zip"]


def test_build_refuses_broken_content(oer_copy, tmp_path):
    edit(oer_copy / MODULE_DIR / "en" / "quiz.yaml", "type: multiple", "type: several")
    result = run("build", "--oer-dir", str(oer_copy), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "nothing built" in result.output
    assert not (tmp_path / "out").exists()


def test_validate_fixture_passes():
    result = run("validate", "--oer-dir", str(FIXTURE_OER))
    assert result.exit_code == 0, result.output
    assert "ok   intercultural-basics [de] scorm2004" in result.output
    assert "content and manifests valid" in result.output


def test_validate_broken_content_names_file_and_line(oer_copy):
    quiz = oer_copy / MODULE_DIR / "de" / "quiz.yaml"
    edit(quiz, "  - id: q4", "  - id: q1")
    result = run("validate", "--oer-dir", str(oer_copy))
    assert result.exit_code == 1
    assert f"error: {quiz}:{line_of(quiz, 'id: q1', 2)}: question id 'q1' is already used" in (
        result.output)


def test_validate_empty_folder_fails(tmp_path):
    (tmp_path / "competences.yaml").write_text((FIXTURE_OER / "competences.yaml").read_text())
    result = run("validate", "--oer-dir", str(tmp_path))
    assert result.exit_code == 1 and "no modules found" in result.output

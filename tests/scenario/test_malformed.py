"""The bad-input corpus: each file under malformed/ gives exactly the line on its first row."""

import warnings
from pathlib import Path

import pytest

import nnviz

HERE = Path(__file__).parent / "malformed"
CORPUS = sorted(HERE.glob("*.toml"))


def expected_line(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: <message>'"
    return first.removeprefix("# expect: ").replace("{here}", str(HERE))


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_malformed_file_gives_its_one_line_message(path):
    with warnings.catch_warnings(), pytest.raises(nnviz.ScenarioError) as caught:
        warnings.simplefilter("error")  # no raw NumPy warning reaches the user
        nnviz.load_scenario(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message == expected_line(path)

"""Every golden scenario in scenarios/v1/ replays through Python with the
same results as Rust (see scenarios/README.md)."""

from pathlib import Path

import pytest

from conftest import REPO
from scenario_runner import BrokenScenario, match, replay, same_decimal

SCENARIOS = sorted((REPO / "scenarios" / "v1").glob("*.json"))


def test_there_are_scenarios() -> None:
    assert SCENARIOS, "scenarios/v1 holds no scenario"


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_replays(path: Path) -> None:
    name, steps, failures = replay(path)
    print(f"ok    {name} ({steps} steps)" if not failures else f"FAIL  {name}")
    assert not failures, f"scenario `{name}` ({path.name}):\n" + "\n".join(failures)


def test_matcher_follows_the_readme() -> None:
    got = {"a": "24.000", "b": [1, {"c": "x", "d": 2}], "e": None, "q": "2.50 kg", "t": True}
    assert match({"a": "24"}, got) is None
    assert match({"q": "2.5 kg"}, got) is None
    assert match({"q": "2.5 g"}, got) is not None
    assert match({"b": [1, {"c": "x"}]}, got) is None
    assert match({"b": [1]}, got) is not None, "arrays need equal length"
    assert match({"e": None}, got) is None
    assert match({"z": None}, got) is not None, "listed keys must exist"
    assert match({"a": "25"}, got) is not None
    assert match({"b": {"$contains": [{"d": 2}]}}, got) is None
    assert match({"b": {"$contains": [{"d": 2}, 1]}}, got) is not None, "order counts"
    assert match({"t": 1}, got) is not None, "true is not 1"
    assert not same_decimal("SO-000001", "SO-000001.0")
    assert not same_decimal("1e3", "1000")
    assert not same_decimal("5 kg", "5000 g")


def test_a_broken_scenario_fails_loudly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "description": "d", "clock": "2026-03-02T09:00:00Z",'
                   ' "steps": [{"do": "teleport"}]}')
    with pytest.raises(BrokenScenario, match="unknown step kind"):
        replay(bad)
    typo = tmp_path / "typo.json"
    typo.write_text('{"name": "x", "description": "d", "clock": "2026-03-02T09:00:00Z",'
                    ' "steps": [{"do": "orders", "expext": {"ok": []}}]}')
    with pytest.raises(BrokenScenario, match="bad keys"):
        replay(typo)
    wrong_args = tmp_path / "args.json"
    wrong_args.write_text('{"name": "x", "description": "d", "clock": "2026-03-02T09:00:00Z",'
                          ' "steps": [{"do": "define_item", "args": {"sku": "A", "nmae": "A"}}]}')
    with pytest.raises(BrokenScenario, match="bad args"):
        replay(wrong_args)


def test_a_wrong_expectation_is_caught(tmp_path: Path) -> None:
    """The replay can fail: one changed number in a real file is reported."""
    import json

    source = json.loads((REPO / "scenarios" / "v1" / "input_errors.json").read_text())
    for step in source["steps"]:
        if step["do"] == "stock":
            step["expect"] = {"ok": {"on_hand": "5001"}}
            break
    else:  # pragma: no cover - the file changed shape
        raise AssertionError("input_errors.json has no stock step to change")
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(source))
    _, _, failures = replay(changed)
    assert failures and "on_hand" in failures[0]

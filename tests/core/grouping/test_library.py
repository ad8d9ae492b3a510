import numpy as np

from svsg_desktop.core.grouping.engine import GroupingResult
from svsg_desktop.core.grouping.library import CharacterLibrary

from .conftest import synthetic_episode


def test_library_names_groups_and_merges_same_name_only():
    ref, _ = synthetic_episode(20, n=150)
    lib = CharacterLibrary.build([ref], aliases={"Kyon-kun": "S00"})
    assert lib.canonical("Kyon-kun") == "S00"
    new, _ = synthetic_episode(20, n=150)           # same speakers (same seed → same centroids)
    inp = new.inputs
    truth = new.labels
    # the engine split speaker S00 into two groups and kept S01 whole; a human named S02's group
    assign, names = {}, {}
    for k, lid in enumerate(inp.line_ids):
        t = truth[k]
        assign[lid] = {"S00": 1 if k % 2 else 2, "S01": 3, "S02": 4}.get(t, 5)
    result = GroupingResult(assign, {}, names={4: "Human name"})
    lib.name_groups(result, inp, None, None)
    assert result.names[4] == "Human name"                      # a human's name is never replaced
    s00 = {result.assignment[lid] for k, lid in enumerate(inp.line_ids) if truth[k] == "S00"}
    assert len(s00) == 1 and result.names[s00.pop()] == "S00"   # the two S00 groups became one
    assert result.names.get(3) == "S01" and result.name_confidence[3] > 0.6
    assert len(set(result.names.values())) == len(result.names)  # no name twice


def test_library_round_trip(tmp_path):
    ref, _ = synthetic_episode(21, n=60)
    lib = CharacterLibrary.build([ref], aliases={"a": "b"})
    lib.save(tmp_path / "lib.npz")
    back = CharacterLibrary.load(tmp_path / "lib.npz")
    assert np.allclose(back.voice, lib.voice) and list(back.names) == list(lib.names)
    assert back.aliases == {"a": "b"} and back.min_similarity == lib.min_similarity

"""ropelab.check and ropelab-cli check (issue 14): the same verdicts and messages."""
import numpy as np
import pytest

import ropelab

SCENE = "text:2,video:2x2x3,text:2"
ARGS = ["--variant", "mrope", "--scene", SCENE]


def reference():
    return ropelab.positions("mrope", SCENE)["position_ids"]


def check_both(cli, tmp_path, ids=None, allocation=None, **options):
    """(CLI exit status, CLI stdout, module result) for the same input."""
    argv = ["check", *ARGS]
    for name, value in (("ids", ids), ("allocation", allocation)):
        if value is not None:
            path = tmp_path / f"{name}.npy"
            np.save(path, value)
            argv += [f"--{name}", str(path)]
    status, out, err = cli.run(*argv)
    result = ropelab.check("mrope", SCENE, ids=ids, allocation=allocation, **options)
    return status, out, err, result


def test_correct_ids_in_any_dtype_match(cli, tmp_path):
    for dtype in [np.int64, np.int32, np.int16, np.uint8, np.float32, np.float64, ">i4", ">f8"]:
        status, out, err, result = check_both(cli, tmp_path, ids=reference().astype(dtype))
        assert status == 0, (dtype, err)
        assert out == "ids: match (3 axes x 16 tokens equal mrope's reference)\n"
        assert result.ok and bool(result) and result.first is None
        assert result.per_axis == {"t": 0, "h": 0, "w": 0}
        assert result.message == out


def test_batched_ids_match(cli, tmp_path):
    batched = np.repeat(reference()[:, None, :], 3, axis=1).astype(np.int64)  # (3, 3, 16)
    status, out, _, result = check_both(cli, tmp_path, ids=batched)
    assert status == 0
    assert out == "ids: match (3 axes x 16 tokens x 3 batches equal mrope's reference)\n"
    assert result.ok


def test_one_wrong_id_names_the_token(cli, tmp_path):
    ids = np.repeat(reference()[:, None, :], 2, axis=1).astype(np.int64)
    ids[0, 1, 9] = 5  # batch 1, token 9: video frame 1, row 0, col 1; t should be 3
    status, out, _, result = check_both(cli, tmp_path, ids=ids)
    assert status == 1
    assert out == ("ids: mismatch: your ids differ from mrope's reference at batch 1, token 9 "
                   "(segment 1: video, frame 1, row 0, col 1): t = 5, expected 3\n"
                   "differing ids per axis: t 1, h 0, w 0 (of 3 axes x 16 tokens x 2 batches); "
                   "tokens differing: 1\n")
    assert not result.ok and not result
    assert result.first == {"batch": 1, "token": 9, "segment": 1, "modality": "video", "frame": 1,
                            "row": 0, "col": 1, "axis": "t", "expected": 3.0, "got": 5.0}
    assert result.per_axis == {"t": 1, "h": 0, "w": 0}
    assert result.tokens_differing.tolist() == [9]
    assert result.message == out


def test_half_integer_reference_against_integer_ids(cli):
    # VideoRoPE with delta 1.5: odd frames sit on half-integer t; int64 ids cannot hold them.
    d = ropelab.positions("videorope", SCENE, delta=1.5)
    ids = d["position_ids"]
    assert (ids != np.floor(ids)).any()
    assert ropelab.check("videorope", SCENE, ids=ids.astype(np.float32), delta=1.5).ok
    result = ropelab.check("videorope", SCENE, ids=ids.astype(np.int64), delta=1.5)
    assert not result.ok and result.first["expected"] % 1 == 0.5


def test_allocation_map_and_cos_table(cli, tmp_path):
    d = ropelab.positions("mrope", SCENE)
    status, out, _, result = check_both(cli, tmp_path, allocation=d["pair_axis"].astype(np.int64))
    assert status == 0 and result.ok
    assert out == "allocation: match (pair map: every one of 64 pairs reads the axis mrope gives it)\n"
    # A cos table from a rotary module, float32, rotate-half (1, tokens, D): correct, then with
    # VideoRoPE's allocation (t on the slowest pairs) instead of M-RoPE's.
    cos, _ = ropelab.rope_tables("mrope", SCENE)
    table = np.concatenate([cos, cos], axis=1)[None]
    status, out, _, result = check_both(cli, tmp_path, allocation=table)
    assert status == 0, out
    assert result.allocation["layout"] == "cos table (tokens, D), rotate-half"
    wrong = ropelab.positions("videorope", SCENE, delta=1)["pair_axis"]
    phi = d["position_ids"][wrong].T * d["inv_freq"]
    bad = np.ascontiguousarray(np.cos(phi).astype(np.float32))
    status, out, _, result = check_both(cli, tmp_path, allocation=bad)
    assert status == 1
    first = int(np.flatnonzero(wrong != d["pair_axis"])[0])
    axes = ["t", "h", "w"]
    assert out.startswith(f"allocation: mismatch (cos table (tokens, pairs)): pair {first} reads "
                          f"{axes[wrong[first]]}, expected {axes[d['pair_axis'][first]]}"), out
    assert not result.ok and result.allocation["first"] == first
    # Slow pairs read nearly 1 on every axis of so short a scene: they cannot tell axes apart.
    assert 0 < result.allocation["differing"] <= int((wrong != d["pair_axis"]).sum())
    assert result.allocation["found"][first] == wrong[first]


def test_bad_input_exits_two_and_raises(cli, tmp_path):
    junk = tmp_path / "junk.npy"
    junk.write_bytes(b"not an array at all")
    status, _, err = cli.run("check", *ARGS, "--ids", junk)
    assert status == 2 and "bad magic bytes" in err
    with pytest.raises(ValueError, match="bad magic bytes"):
        ropelab.check("mrope", SCENE, ids=str(junk))
    wrong = np.zeros((2, 16), dtype=np.int64)
    np.save(tmp_path / "wrong.npy", wrong)
    status, _, err = cli.run("check", *ARGS, "--ids", tmp_path / "wrong.npy")
    assert status == 2
    message = ("shape (2, 16) does not fit mrope on this scene: expected (3, 16) or "
               "(3, batch, 16) (axes t, h, w; 16 tokens)")
    assert message in err
    with pytest.raises(ValueError) as e:
        ropelab.check("mrope", SCENE, ids=wrong)
    assert str(e.value) == "ids: " + message
    status, _, err = cli.run("check", *ARGS, "--allocation", tmp_path / "wrong.npy")
    assert status == 2 and "is not an allocation of mrope" in err
    with pytest.raises(ValueError, match="dtype 'complex128' is not supported"):
        ropelab.check("mrope", SCENE, ids=reference().astype(complex))
    with pytest.raises(ValueError, match="needs ids="):
        ropelab.check("mrope", SCENE)
    fortran = tmp_path / "fortran.npy"
    np.save(fortran, np.asfortranarray(np.repeat(reference()[:, None, :], 2, axis=1)))
    status, _, err = cli.run("check", *ARGS, "--ids", fortran)
    assert status == 2 and "Fortran-ordered arrays are not supported" in err

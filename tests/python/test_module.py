"""The ropelab module's outputs equal ropelab-cli's JSON (issue 14)."""
import numpy as np
import pytest

import ropelab
from conftest import options_argv

# Several scenes: the default text-video-text shape, images and a video with its own frame rate,
# a video alone, and text alone.
SCENES = [
    "text:4,video:3x2x3,text:2",
    "text:2,image:3x4,video:2x2x2@0.5,text:3",
    "video:2x3x3",
    "text:5",
]
# Options beyond the scene, per call; every variant runs with each.
CONFIGS = [{"head_dim": 32}, {"head_dim": 16, "base": 1e6}]


def variant_ids():
    return [v["id"] for v in ropelab.variants()]


def test_variants_equal_cli(cli):
    assert ropelab.variants() == cli.json("variants", "--format", "json")
    assert len(variant_ids()) >= 12


def same(module_value, cli_value):
    """Exact equality: the CLI prints shortest round-trip decimals, so floats compare exactly."""
    if isinstance(module_value, np.ndarray):
        return module_value.tolist() == cli_value
    return module_value == cli_value


@pytest.mark.parametrize("variant", variant_ids())
def test_positions_equal_cli_json_for_every_variant(cli, variant):
    for scene in SCENES:
        for config in CONFIGS:
            argv = ["positions", "--variant", variant, "--scene", scene, *options_argv(**config)]
            status, out, err = cli.run(*argv)
            if status == 2:  # a scene the variant refuses: the module raises the same message
                with pytest.raises(ValueError) as e:
                    ropelab.positions(variant=variant, scene=scene, **config)
                assert str(e.value) == cli.error(*argv)
                continue
            assert status == 0, err
            expected = cli.json(*argv)
            got = ropelab.positions(variant=variant, scene=scene, **config)
            assert set(expected) <= set(got), f"fields missing: {set(expected) - set(got)}"
            for key, value in expected.items():
                assert same(got[key], value), f"{variant} {scene} {config}: {key}"


def test_positions_options_are_the_clis(cli):
    # Flags, numbers and lists map onto the CLI's options.
    cases = [
        ("videorope", {"no_lta": True, "delta": 1.5, "split": (16, 24, 24)}, ["--no-lta", "--delta", "1.5", "--split", "16:24:24"]),
        ("qwen25-mrope", {"tokens_per_second": 25, "seconds_per_frame": 0.04, "early_cast": True},
         ["--tokens-per-second", "25", "--seconds-per-frame", "0.04", "--early-cast"]),
        ("vrope", {"no_symmetric": True, "no_continuity": False}, ["--no-symmetric"]),
        ("mrope", {"text_before": 7, "frames": 3, "height": 2, "width": 5, "text_after": 1},
         ["--text-before", "7", "--frames", "3", "--height", "2", "--width", "5", "--text-after", "1"]),
    ]
    for variant, options, argv in cases:
        expected = cli.json("positions", "--variant", variant, *argv)
        got = ropelab.positions(variant, **options)
        for key, value in expected.items():
            assert same(got[key], value), f"{variant} {options}: {key}"


def test_positions_arrays_view_core_buffers():
    d = ropelab.positions(variant="mrope", scene="text:2,video:2x2x3,text:2")
    ids = d["position_ids"]
    assert ids.dtype == np.float64 and ids.shape == (3, 16)
    assert not ids.flags.owndata and ids.base is not None
    assert ids[1].tolist() == [0, 1, 2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3, 5, 6]
    assert d["frame"].dtype == np.int32 and d["frame"].tolist()[:4] == [-1, -1, 0, 0]
    assert d["modality"].tolist() == ["text"] * 2 + ["video"] * 12 + ["text"] * 2
    assert d["pair_axis"].tolist() == [0] * 16 + [1] * 24 + [2] * 24
    assert d["inv_freq"][1] == pytest.approx(10000 ** (-2 / 128), rel=1e-15)


def test_angles_equal_cli(cli):
    for variant in ["videorope", "mrope", "vrope", "vanilla"]:
        argv = ["--variant", variant, "--scene", SCENES[1], "--head-dim", "16"]
        expected = cli.json("angles", *argv)
        got = ropelab.angles(variant, SCENES[1], head_dim=16)
        assert got.dtype == np.float64 and got.shape == (expected["tokens"], expected["pairs"])
        assert got.tolist() == expected["angles"]


def test_rope_tables_dtype_shape_no_copy():
    scene = "text:3,video:4x3x5,text:2"
    cos, sin = ropelab.rope_tables("videorope", scene, head_dim=64, base=1e6)
    tokens = 3 + 4 * 3 * 5 + 2
    for table in (cos, sin):
        assert table.dtype == np.float32
        assert table.shape == (tokens, 32)
        assert table.flags.c_contiguous
        assert not table.flags.owndata
        assert table.base is not None
    assert cos.base is sin.base  # one capsule owns both core buffers
    phi = ropelab.angles("videorope", scene, head_dim=64, base=1e6)
    np.testing.assert_allclose(cos, np.cos(phi), atol=2e-7)
    np.testing.assert_allclose(sin, np.sin(phi), atol=2e-7)
    # Buffers of released tables are reused, never those still referenced.
    kept = ropelab.rope_tables("mrope", "text:2,video:2x2x2", head_dim=8)[0]
    snapshot = kept.copy()
    for _ in range(3):
        other = ropelab.rope_tables("vrope", "text:7,image:2x2", head_dim=8)
        del other
    assert kept.tolist() == snapshot.tolist()
    np.testing.assert_allclose(kept, np.cos(ropelab.angles("mrope", "text:2,video:2x2x2", head_dim=8)), atol=2e-7)


def test_attention_equal_cli(cli, tmp_path):
    scene = "text:2,video:2x2x3,text:2"
    expected = cli.json("attention", "--variant", "vrope", "--scene", scene, "--softmax", "--query", "9")
    got = ropelab.attention("vrope", scene, softmax=True, query=9)
    assert got["query"] == 9 == expected["query"]
    assert got["logits"].tolist() == expected["logits"]
    assert got["probabilities"].tolist() == expected["probabilities"]
    rng = np.random.default_rng(3)
    q, k = rng.standard_normal((16, 32)), rng.standard_normal((16, 32))
    np.save(tmp_path / "q.npy", q)
    np.save(tmp_path / "k.npy", k)
    expected = cli.json("attention", "--variant", "mrope", "--scene", scene, "--head-dim", "32",
                        "--qk", f"npy:{tmp_path / 'q.npy'},{tmp_path / 'k.npy'}")
    got = ropelab.attention("mrope", scene, q=q, k=k, head_dim=32)
    assert got["logits"].tolist() == expected["logits"]
    gaussian = cli.json("attention", "--variant", "mrope", "--scene", scene, "--qk", "gaussian:7")
    assert ropelab.attention("mrope", scene, qk="gaussian:7")["logits"].tolist() == gaussian["logits"]


def test_analyze_equal_cli(cli):
    scene = "text:4,video:4x3x3,text:4"
    for what in ["collisions", "jump", "bias", "properties"]:
        expected = cli.json("analyze", "--variant", "videorope", "--scene", scene, "--what", what)
        assert ropelab.analyze("videorope", scene, what=what) == expected, what
    expected = cli.json("analyze", "--variant", "mrope", "--what", "collisions", "--axis", "h", "--range", "50")
    assert ropelab.analyze("mrope", what="collisions", axis="h", range=50) == expected


def test_bad_input_raises_value_error_with_the_cli_message(cli):
    cases = [
        ({"head_dim": 127}, ["--head-dim", "127"]),
        ({"variant": "nope"}, ["--variant", "nope"]),
        ({"scene": "text:4,video:8x4"}, ["--scene", "text:4,video:8x4"]),
        ({"bogus": 1}, ["--bogus", "1"]),
        ({"split": (32, 32)}, ["--split", "32:32"]),
        ({"base": float("nan")}, ["--base", "nan"]),
        ({"convention": "both"}, ["--convention", "both"]),
    ]
    for options, argv in cases:
        with pytest.raises(ValueError) as e:
            ropelab.positions(**options)
        assert str(e.value) == cli.error("positions", *argv), options
    with pytest.raises(ValueError, match="--query = '99'"):
        ropelab.attention(scene="text:3", query=99)
    with pytest.raises(ValueError, match="q and k must be given together"):
        ropelab.attention(scene="text:2", head_dim=4, q=np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"q array = shape \(3, 4\)"):
        ropelab.attention(scene="text:2", head_dim=4, q=np.ones((3, 4)), k=np.ones((2, 4)))
    with pytest.raises(ValueError, match="CLI output option"):
        ropelab.positions(format="csv")
    with pytest.raises(ValueError, match="must be a string, a number"):
        ropelab.positions(head_dim={"a": 1})


def test_help_lists_the_cli_options():
    doc = ropelab.positions.__doc__
    assert "head_dim=64" in doc and "--no-lta" in doc and "--tokens-per-second" in doc
    assert "ropelab.pyi" not in doc

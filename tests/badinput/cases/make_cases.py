#!/usr/bin/env python3
"""Writes the bad-input data files next to this script (standard library only; no numpy).

The files are committed; rerun this after changing a case: python3 tests/badinput/cases/make_cases.py
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(path, data):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def npy(descr="<f8", shape=(2, 4), fortran=False, payload=None, version=1, header=None):
    if header is None:
        shape_text = "(" + ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "") + ")"
        header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (
            descr, "True" if fortran else "False", shape_text)
    prefix = 10 if version == 1 else 12
    header += " " * ((64 - (prefix + len(header) + 1) % 64) % 64) + "\n"
    out = b"\x93NUMPY" + bytes([version, 0])
    out += struct.pack("<H" if version == 1 else "<I", len(header))
    out += header.encode("latin-1")
    if payload is None:
        count = 1
        for s in shape:
            count *= s
        payload = struct.pack("<%dd" % count, *([1.0] * count))
    return out + payload


# A valid (2 tokens, head dim 4) array: the partner of every bad q file.
write("npy/ok_2x4.npy", npy())
write("npy/empty.npy", b"")
write("npy/bad_magic.npy", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
write("npy/truncated_header.npy", npy()[:9])
write("npy/header_longer_than_file.npy", npy()[:40])
write("npy/truncated_data.npy", npy()[:-5])
write("npy/version_9.npy", npy(version=9))
# Integer dtypes and big-endian floats are read since issue 14; complex numbers are not.
write("npy/dtype_complex.npy", npy(descr="<c16", payload=b"\0" * 128))
write("npy/dtype_big_endian_complex.npy", npy(descr=">c8", payload=b"\0" * 64))
write("npy/dtype_object.npy", npy(descr="|O"))
write("npy/fortran_order.npy", npy(fortran=True))
write("npy/no_shape.npy", npy(header="{'descr': '<f8', 'fortran_order': False, }", payload=b""))
write("npy/negative_shape.npy", npy(header="{'descr': '<f8', 'fortran_order': False, 'shape': (-2, 4), }",
                                    payload=b"\0" * 64))
write("npy/huge_shape.npy", npy(shape=(999999999999, 999999999999), payload=b"\0" * 64))
write("npy/three_dims.npy", npy(shape=(2, 2, 2)))
write("npy/scalar.npy", npy(shape=()))
write("npy/wrong_shape_3x4.npy", npy(shape=(3, 4)))
write("npy/odd_head_dim_2x5.npy", npy(shape=(2, 5)))
write("npy/nan_values.npy", npy(payload=struct.pack("<8d", *([1.0] * 7 + [float("nan")]))))
write("npy/inf_float16.npy", npy(descr="<f2", payload=struct.pack("<8H", *([0x3C00] * 7 + [0x7C00]))))
# A v2 header of 200 KB: a parser that recurses per character would overflow the stack.
write("npy/huge_header.npy", npy(version=2, header="{'descr': '<f8" + "8" * 200000 +
                                 "', 'fortran_order': False, 'shape': (2, 4), }", payload=b"\0" * 64))

preset_ok = {"version": 1, "variants": ["videorope"],
             "scene": [{"kind": "text", "count": 2}, {"kind": "video", "frames": 2, "height": 2, "width": 2},
                       {"kind": "text", "count": 2}],
             "config": {"head_dim": 64}}


def preset(**changes):
    p = json.loads(json.dumps(preset_ok))
    for key, value in changes.items():
        if key == "segment":
            p["scene"][1].update(value)
        elif key == "config":
            p["config"].update(value)
        else:
            p[key] = value
    return json.dumps(p, indent=1)


write("presets/truncated.json", preset()[:70])
write("presets/empty.json", "")
write("presets/not_an_object.json", "[1, 2, 3]")
write("presets/version_string.json", preset(version="1"))
write("presets/version_99.json", preset(version=99))
write("presets/missing_scene.json", json.dumps({"version": 1}))
write("presets/scene_not_a_list.json", preset(scene={"kind": "text", "count": 4}))
write("presets/count_string.json", preset(scene=[{"kind": "text", "count": "four"}]))
write("presets/count_fraction.json", preset(scene=[{"kind": "text", "count": 2.5}]))
write("presets/negative_frames.json", preset(segment={"frames": -2}))
write("presets/huge_height.json", preset(segment={"height": 1000000000}))
write("presets/beyond_int.json", preset(segment={"width": 1e300}))
write("presets/too_many_tokens.json", preset(segment={"frames": 1000000, "height": 1000, "width": 1000}))
write("presets/nan_base.json", preset().replace('"head_dim": 64', '"head_dim": 64, "base": NaN'))
write("presets/overflow_base.json", preset().replace('"head_dim": 64', '"head_dim": 64, "base": 1e999'))
write("presets/odd_head_dim.json", preset(config={"head_dim": 63}))
write("presets/head_dim_huge.json", preset(config={"head_dim": 1 << 20}))
write("presets/unknown_variant.json", preset(variants=["no-such-rope"]))
write("presets/no_variants.json", preset(variants=[]))
write("presets/unknown_kind.json", preset(scene=[{"kind": "audio", "count": 3}]))
write("presets/split_strings.json", preset(config={"split": [16, "8", 8]}))
write("presets/split_negative.json", preset(config={"split": [40, -4, -4]}))
write("presets/convention_both.json", preset(config={"options": {"convention": "both"}}))
write("presets/zero_seconds.json", preset(segment={"seconds_per_frame": 0}))
# Issue 12: the composer in JSON, an incompatible pair and one missing its allocation.
write("presets/custom_mismatch.json",
      preset(variants=[{"variant": "custom", "design": "videorope", "allocation": "vrope"}]))
write("presets/custom_no_allocation.json", preset(variants=[{"variant": "custom", "design": "mrope"}]))
write("presets/bool_as_number.json", preset(config={"options": {"symmetric": 1}}))
write("presets/non_utf8.json", preset(name="NAME").encode("utf-8").replace(b"NAME", b"caf\xe9 \xff\xfe"))
write("presets/deep_nesting.json", '{"version": 1, "scene": ' + "[" * 5000 + "]" * 5000 + "}")
write("presets/deep_nesting_unclosed.json", "[" * 100000)
write("presets/binary.json", npy())

hf_ok = {"model_type": "qwen2_vl", "hidden_size": 3584, "num_attention_heads": 28, "rope_theta": 1000000.0,
         "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]}}


def hf(**changes):
    c = json.loads(json.dumps(hf_ok))
    for key, value in changes.items():
        if key == "scaling":
            c["rope_scaling"].update(value)
        else:
            c[key] = value
    return json.dumps(c, indent=1)


write("configs/truncated.json", hf()[:50])
write("configs/head_dim_odd.json", hf(head_dim=129))
write("configs/zero_heads.json", hf(num_attention_heads=0))
write("configs/section_two.json", hf(scaling={"mrope_section": [16, 24]}))
write("configs/section_sum.json", hf(scaling={"mrope_section": [16, 24, 25]}))
write("configs/section_float.json", hf(scaling={"mrope_section": [16, 24.5, 24]}))
write("configs/theta_string.json", hf(rope_theta="1e6"))
write("configs/theta_negative.json", hf(rope_theta=-1))
write("configs/text_config_list.json", hf(text_config=[1, 2]))
write("configs/tokens_per_second.json", hf(vision_config={"tokens_per_second": -2}))
write("configs/hidden_size_huge.json", hf(hidden_size=1e10))
write("configs/deep_nesting.json", '{"rope_scaling": ' + "{\"a\": " * 100 + "1" + "}" * 100 + "}")

#!/usr/bin/python3
"""The PyTorch baseline for `ropelab-cli bench`'s rope_tables (README "Performance").

A vectorised implementation of what a researcher would write: VideoRoPE ids for
text 64, video 512x16x16, text 64 with tensor ops, then cos/sin of the (tokens, D/2) angle table
in float32. Timed after warm-up, import excluded, two ways:
  fresh         new angle, cos and sin tensors every run (compare with bench's rope_tables_fresh);
  preallocated  the same three tables written with out= into tensors allocated once (compare
                with bench's rope_tables, which reuses its buffers).
Run with Debian's python3-torch:
    /usr/bin/python3 tests/bench/torch_rope_tables.py [runs]
Prints JSON: {"tokens", "threads", "median_ms", "min_ms", "preallocated_median_ms",
"preallocated_min_ms"} (median_ms/min_ms: fresh).
"""
import json
import sys
import time

import torch


def videorope_ids(text_before, frames, height, width, text_after, delta):
    before = torch.arange(text_before, dtype=torch.float32)
    s0 = float(text_before)
    f = torch.arange(frames, dtype=torch.float32).view(-1, 1, 1).expand(frames, height, width)
    h = torch.arange(height, dtype=torch.float32).view(1, -1, 1).expand(frames, height, width)
    w = torch.arange(width, dtype=torch.float32).view(1, 1, -1).expand(frames, height, width)
    t = s0 + delta * f
    video = torch.stack([t, t + h - (height - 1) // 2, t + w - (width - 1) // 2]).reshape(3, -1)
    after = s0 + delta * (frames - 1) + 1 + torch.arange(text_after, dtype=torch.float32)
    return torch.cat([before.expand(3, -1), video, after.expand(3, -1)], dim=1)


def rope_tables(head_dim=128, base=1e6, delta=2.0):
    ids = videorope_ids(64, 512, 16, 16, 64, delta)
    pairs = head_dim // 2
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    # VideoRoPE's allocation: pairs 0..47 alternate h/w, 48..63 read t.
    axis = torch.tensor([1 + (j % 2) if j < 48 else 0 for j in range(pairs)])
    angles = ids[axis].T * inv_freq  # (tokens, pairs)
    return angles.cos(), angles.sin()


def rope_tables_into(angles, cos, sin, head_dim=128, base=1e6, delta=2.0):
    """rope_tables writing the three (tokens, D/2) tables into preallocated tensors."""
    ids = videorope_ids(64, 512, 16, 16, 64, delta)
    pairs = head_dim // 2
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim))
    axis = torch.tensor([1 + (j % 2) if j < 48 else 0 for j in range(pairs)])
    torch.mul(ids[axis].T, inv_freq, out=angles)
    torch.cos(angles, out=cos)
    torch.sin(angles, out=sin)
    return cos, sin


def timed(function, runs):
    function()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[len(times) // 2], times[0]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    cos, _ = rope_tables()
    shape = cos.shape
    angles, cos_out, sin_out = (torch.empty(shape, dtype=torch.float32) for _ in range(3))
    fresh = timed(rope_tables, runs)
    preallocated = timed(lambda: rope_tables_into(angles, cos_out, sin_out), runs)
    # Same values (the layouts differ, so cos may take another vector path: within 1 ulp).
    assert torch.allclose(cos_out, cos, rtol=0, atol=1e-6)
    print(json.dumps({"tokens": shape[0], "threads": torch.get_num_threads(),
                      "median_ms": fresh[0], "min_ms": fresh[1],
                      "preallocated_median_ms": preallocated[0],
                      "preallocated_min_ms": preallocated[1]}))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The PyTorch baseline for `ropelab-cli bench`'s rope_tables (README "Performance").

A vectorised implementation of what a researcher would write: VideoRoPE ids for
text 64, video 512x16x16, text 64 with tensor ops, then cos/sin of the (tokens, D/2) angle table
in float32. Timed after warm-up, import excluded. Run with Debian's python3-torch:
    /usr/bin/python3 tests/bench/torch_rope_tables.py [runs]
Prints JSON: {"tokens", "threads", "median_ms", "min_ms"}.
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


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    rope_tables()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        cos, sin = rope_tables()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    print(json.dumps({"tokens": cos.shape[0], "threads": torch.get_num_threads(),
                      "median_ms": times[len(times) // 2], "min_ms": times[0]}))


if __name__ == "__main__":
    main()

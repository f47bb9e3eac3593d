"""RoPE Lab from Python: every RoPE variant's ids, allocation, angles, cos/sin tables, attention
and analyses as NumPy arrays, and a checker for your own implementation.

Keyword arguments are ropelab-cli's options with '--' dropped and '-' written '_'
(--head-dim 64 is head_dim=64; a flag such as --no-lta is no_lta=True; None or False leaves an
option out; split=(16, 24, 24) is --split 16:24:24). Bad input raises ValueError with the CLI's
message. help(ropelab) lists every option.
"""
from os import PathLike
from typing import Any, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

__version__: str

_Option = Union[str, int, float, bool, None, Sequence[Union[str, int, float]]]
_ArrayOrPath = Union[npt.ArrayLike, str, PathLike[str]]

def variants() -> list[dict[str, Any]]:
    """Every variant as a dict: id, axes, summary, paper, has_delta, default_split, ..."""

def positions(variant: Optional[str] = None, scene: Optional[str] = None, **options: _Option) -> dict[str, Any]:
    """The fields of `ropelab-cli positions` JSON: variant, axes, tokens, split, (delta), and as
    arrays position_ids float64 (axes, tokens), modality str (tokens,), frame/row/col int32
    (tokens,) (-1 for text), pair_axis int32 (pairs,), inv_freq float64 (pairs,)."""

def angles(variant: Optional[str] = None, scene: Optional[str] = None, **options: _Option) -> npt.NDArray[np.float64]:
    """Rotation angle of every (token, pair): float64 (tokens, pairs)."""

def rope_tables(
    variant: Optional[str] = None, scene: Optional[str] = None, **options: _Option
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """(cos, sin) float32 (tokens, pairs), viewing core's buffers (no copy)."""

def attention(
    variant: Optional[str] = None,
    scene: Optional[str] = None,
    q: Optional[npt.ArrayLike] = None,
    k: Optional[npt.ArrayLike] = None,
    **options: _Option,
) -> dict[str, Any]:
    """variant, query, logits float64 (tokens,), and probabilities with softmax=True."""

def analyze(variant: Optional[str] = None, scene: Optional[str] = None, **options: _Option) -> dict[str, Any]:
    """what='collisions' | 'jump' | 'bias' | 'properties': the CLI's analyze JSON as a dict."""

class CheckResult:
    """The outcome of check()."""

    @property
    def ok(self) -> bool: ...
    @property
    def first(self) -> Optional[dict[str, Any]]:
        """batch, token, segment, modality, frame, row, col, axis, expected, got."""
    @property
    def per_axis(self) -> Optional[dict[str, int]]: ...
    @property
    def tokens_differing(self) -> Optional[npt.NDArray[np.uint64]]: ...
    @property
    def allocation(self) -> Optional[dict[str, Any]]:
        """ok, layout, expected, found, first, differing."""
    @property
    def message(self) -> str: ...
    def __bool__(self) -> bool: ...

def check(
    variant: Optional[str] = None,
    scene: Optional[str] = None,
    ids: Optional[_ArrayOrPath] = None,
    allocation: Optional[_ArrayOrPath] = None,
    **options: _Option,
) -> CheckResult:
    """Compares your ids ((axes, tokens) or (axes, batch, tokens), any int/float dtype) and/or
    allocation (pair -> axis map, or a cos table (tokens, pairs) / (tokens, D)) with the
    reference. Same as `ropelab-cli check`."""

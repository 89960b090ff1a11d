"""Per-shard vector files written on workers."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsintel.shard_vectors import VectorShard, vectors_path


def test_vector_file_sits_beside_its_result_shard() -> None:
    shard = Path("/x/crawl-00001.extractions.jsonl.gz")
    assert vectors_path(shard) == Path("/x/crawl-00001.vectors.npy")


def test_rows_are_numbered_in_order_and_saved(tmp_path: Path) -> None:
    shard = VectorShard()
    first = np.ones((3, 4), dtype=np.float32)
    second = np.zeros((2, 4), dtype=np.float32)
    assert shard.add(first) == (0, 3)
    assert shard.add(second) == (3, 5)
    shard.save(tmp_path / "v.npy")
    assert np.array_equal(np.load(tmp_path / "v.npy"), np.concatenate([first, second]))
    assert not list(tmp_path.glob("*.partial"))

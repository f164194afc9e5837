"""Benchmark of the Indonesian stemmer (a plain script, not a test; warm = best of 3).

Run: ``python benchmarks/bench_stemming.py``. Prints:

* stemming 5,000 distinct affixed words (each a root of the shipped list with a prefix and a
  suffix, built with a fixed seed) with the shipped root list, cold (empty memo) and warm;
* the same words with the codebook's small root list;
* automatic coding of the sample's statements with the shipped codebook.

Goal: a brief's FGD coding stems a few thousand words; cold stemming should stay well under a
second for 5,000 words, and memoised look-ups under 10 ms.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from ikmpolicy import fgd
from ikmpolicy.fgd import stemming
from ikmpolicy.validation import load_dataset

ROOT = Path(__file__).resolve().parents[1]
HEADS = ["di", "ke", "se", "ber", "ter", "per", "me", "pe"]
TAILS = ["", "an", "kan", "i", "nya", "lah", "kannya"]


def _words(n: int = 5000, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    roots = sorted(fgd.common_roots())
    words: set[str] = set()
    while len(words) < n:
        words.add(rng.choice(HEADS) + rng.choice(roots) + rng.choice(TAILS))
    return sorted(words)


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    words = _words()
    large = fgd.common_roots()
    codebook = fgd.load_codebook(ROOT / "data" / "cilegon" / "codebook.csv")
    small = fgd.keyword_roots(codebook)
    for name, roots in (("shipped list", large), ("codebook list", small)):
        stemming._stemmer.cache_clear()
        cold = _time(lambda roots=roots: [fgd.stem(w, roots) for w in words])
        warm = min(_time(lambda roots=roots: [fgd.stem(w, roots) for w in words]) for _ in range(3))
        print(
            f"stem {len(words):,} words, {name} ({len(roots):,} roots): cold {cold:.3f} s, "
            f"warm {warm * 1000:.1f} ms"
        )
    statements = load_dataset(ROOT / "data" / "cilegon")["statements"]
    stemming._stemmer.cache_clear()
    t = _time(lambda: fgd.code_statements(statements, codebook))
    n_words = sum(len(fgd.tokenize(s)) for s in statements["text"])
    print(f"code {len(statements)} sample statements ({n_words:,} words): {t:.3f} s")


if __name__ == "__main__":
    main()

"""Candidate new topics among answers coded "overig": TF-IDF + k-means, top terms per cluster.

The researcher sees each cluster's most telling words, its size and a few (redacted) example
answers, and may name it as a new code in the codeframe. Clusters smaller than `min_size`
are dropped: a handful of answers is no topic yet (and could point at a person).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer

from maatmonitor.core.stories.learned import analysis_text
from maatmonitor.core.stories.text import DUTCH_FUNCTION_WORDS, analyse_many

# Function words and placeholders say nothing about a topic: the Dutch markers of the language
# check plus a few more Dutch and English ones.
_STOP = DUTCH_FUNCTION_WORDS | frozenset(
    [
        "a",
        "aan",
        "als",
        "an",
        "and",
        "be",
        "but",
        "dan",
        "for",
        "had",
        "hebben",
        "i",
        "in",
        "it",
        "kan",
        "kon",
        "me",
        "men",
        "mij",
        "moet",
        "my",
        "not",
        "nu",
        "of",
        "on",
        "that",
        "the",
        "they",
        "this",
        "to",
        "uit",
        "were",
        "with",
        "worden",
        "wordt",
        "x",
        "zich",
        "zo",
    ]
)


@dataclass(frozen=True)
class CandidateTopic:
    """A cluster of "overig" answers that may deserve its own code."""

    terms: tuple[str, ...]
    size: int
    examples: tuple[str, ...]


def candidate_topics(
    texts: Sequence[str],
    *,
    max_clusters: int = 6,
    min_size: int = 5,
    n_terms: int = 5,
    n_examples: int = 3,
    seed: int = 0,
) -> list[CandidateTopic]:
    """Cluster redacted answers; largest cluster first. Too few answers give no candidates."""
    docs = [
        " ".join(t.lemma for t in a.tokens if not t.is_punct and t.lemma not in _STOP)
        for a in analyse_many([analysis_text(t) for t in texts])
    ]
    usable = [i for i, d in enumerate(docs) if d.strip()]
    if len(usable) < 2 * min_size:
        return []
    vectorizer = TfidfVectorizer(min_df=2, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([docs[i] for i in usable])
    except ValueError:  # no term occurs twice
        return []
    k = max(2, min(max_clusters, len(usable) // min_size))
    model = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(matrix)
    terms = np.asarray(vectorizer.get_feature_names_out())
    out = []
    for c in range(k):
        members = [usable[i] for i in np.flatnonzero(model.labels_ == c)]
        if len(members) < min_size:
            continue
        centre = model.cluster_centers_[c]
        top = tuple(str(t) for t in terms[np.argsort(-centre)[:n_terms]] if t)
        # Examples closest to the centre represent the cluster best.
        rows = matrix[[usable.index(i) for i in members]]
        closest = np.argsort(-(rows @ centre))[:n_examples]
        out.append(CandidateTopic(top, len(members), tuple(texts[members[j]] for j in closest)))
    out.sort(key=lambda c: -c.size)
    return out

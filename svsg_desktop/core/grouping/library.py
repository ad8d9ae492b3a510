"""Names from earlier episodes: a character library of labeled lines (voice embeddings + names).

A new group takes a name when its lines' 5 nearest labeled lines agree strongly: the weighted vote share of the
top name must reach ``min_share`` and the mean similarity of the votes must beat the library's own typical
similarity between *different* characters (calibrated when the library is built, so it follows the encoder).
The per-group confidence is that vote share. Groups already named by a human keep their name; the library never
merges groups with different names — only groups it gives the same (alias-resolved) name end up as one."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import InputError
from . import graph

log = logging.getLogger(__name__)
K_NAMES = 5


@dataclass
class CharacterLibrary:
    voice: np.ndarray                       # (M, D) L2-normalised
    names: np.ndarray                       # (M,) canonical names
    voice_model: str
    aliases: dict[str, str] = field(default_factory=dict)    # spelling → canonical name
    min_share: float = 0.6
    min_similarity: float = 0.0

    def canonical(self, name: str) -> str:
        seen = set()
        while name in self.aliases and name not in seen:
            seen.add(name)
            name = self.aliases[name]
        return name

    @classmethod
    def build(cls, episodes, *, aliases: dict[str, str] | None = None, min_share: float = 0.6) -> "CharacterLibrary":
        """From labeled episodes (:class:`~.training.LabeledEpisode`): every labeled line with a voice."""
        lib = cls(np.zeros((0, 1), np.float32), np.zeros(0, object), "", dict(aliases or {}), min_share)
        vs, ns = [], []
        for ep in episodes:
            rows = np.flatnonzero((ep.labels != "") & ep.inputs.valid_voice)
            vs.append(ep.inputs.voice[rows])
            ns += [lib.canonical(str(n)) for n in ep.labels[rows]]
            lib.voice_model = ep.inputs.voice_model
        if not ns:
            raise InputError("the character library needs at least one labeled line with a voice",
                             code="empty_library")
        lib.voice = graph.l2_normalise(np.concatenate(vs))
        lib.names = np.array(ns, dtype=object)
        lib.min_similarity = lib._calibrate()
        return lib

    def _calibrate(self) -> float:
        """Median cosine between each line and its most similar line of another character."""
        sims = []
        for nm in np.unique(self.names):
            a, b = self.voice[self.names == nm], self.voice[self.names != nm]
            if len(a) and len(b):
                sims.append((a @ b.T).max(axis=1))
        return float(np.median(np.concatenate(sims))) if sims else 0.0

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, voice=self.voice, names=self.names.astype(str), voice_model=self.voice_model,
                            aliases=np.array(list(self.aliases.items()), dtype=str).reshape(-1, 2),
                            params=np.array([self.min_share, self.min_similarity]))

    @classmethod
    def load(cls, path: str | Path) -> "CharacterLibrary":
        try:
            d = np.load(path, allow_pickle=False)
            return cls(d["voice"], d["names"].astype(object), str(d["voice_model"]),
                       {a: b for a, b in d["aliases"]}, float(d["params"][0]), float(d["params"][1]))
        except (OSError, KeyError, ValueError) as err:
            raise InputError(f"not a character library: {err}", path=str(path), code="bad_library") from err

    def match(self, voice: np.ndarray) -> tuple[str, float]:
        """(name, vote share) for a group of lines; ("", share) when the match is not strong enough."""
        if len(voice) == 0 or len(self.names) == 0:
            return "", 0.0
        sims = voice @ self.voice.T
        k = min(K_NAMES, sims.shape[1])
        idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        top = np.take_along_axis(sims, idx, axis=1)
        votes: dict[str, float] = {}
        for nm, w in zip(self.names[idx].ravel(), np.maximum(top, 0).ravel()):
            nm = self.canonical(str(nm))               # aliases declared after the library was built count too
            votes[nm] = votes.get(nm, 0.0) + float(w)
        total = sum(votes.values()) or 1.0
        name = max(sorted(votes), key=lambda n: votes[n])
        share = votes[name] / total
        strong = share >= self.min_share and float(top.mean()) > self.min_similarity
        return (name if strong else ""), share

    def name_groups(self, result, inp, cv, constraints) -> None:
        """Name the engine's groups in place (``result.names`` / ``name_confidence``); groups given the same name
        become one group (the human group, when one has that name)."""
        if inp.voice_model != self.voice_model or inp.voice.shape[1] != self.voice.shape[1]:
            log.warning("character library built with %s, features from %s: not used", self.voice_model,
                        inp.voice_model)
            return
        pos = {lid: k for k, lid in enumerate(inp.line_ids)}
        members: dict[int, list[int]] = {}
        for lid, g in result.assignment.items():
            if g is not None and inp.valid_voice[pos[lid]]:
                members.setdefault(g, []).append(pos[lid])
        owner = {self.canonical(n): g for g, n in result.names.items() if n}
        remap: dict[int, int] = {}
        for g in sorted(members):
            if result.names.get(g):
                continue
            name, share = self.match(inp.voice[members[g]])
            result.name_confidence[g] = share
            if not name:
                continue
            if name in owner:
                remap[g] = owner[name]
            else:
                owner[name] = g
                result.names[g] = name
        for lid, g in result.assignment.items():
            if g in remap:
                result.assignment[lid] = remap[g]

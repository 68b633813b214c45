"""Shared by both long tails: text templates validated once against vocab.classify, the keyword
tokens synthetic names must avoid, pseudo-words, and fast weighted draws / CSV quoting."""

from __future__ import annotations

import bisect
import random

from sample_generator import names, texts, vocab


def single_tokens() -> set[str]:
    out = set()
    for r in vocab.RULES:
        for k in r.keywords:
            if k.isascii() and " " not in k:
                out.add(k.lower())
    out |= {k.lower() for k in vocab.AI_CONTEXT if k.isascii()}
    return out


def bad_bigrams() -> set[str]:
    chars = {c for pool in (names.P1, names.P2, names.P3) for c, _, _ in pool}
    bad = set()
    for r in vocab.RULES:
        for k in r.keywords + vocab.AI_CONTEXT:
            if not k.isascii():
                for i in range(len(k) - 1):
                    if k[i] in chars or k[i + 1] in chars:
                        bad.add(k[i:i + 2])
    return bad


class Templates:
    """Per sub-segment: validated (zh text, en text, cats, industry, zh suffix, en suffix) builders."""

    def __init__(self):
        self.ai: dict[str, list[tuple]] = {}
        for sub in vocab.ALL_SUBS:
            g = texts.GEN[sub]
            seg = vocab.SEGMENT_OF[sub]
            ok = []
            for zt in g["zh"]:
                for zk in g["zh_kw"]:
                    for zs in names.ZH_SUFFIX.get(sub, names.ZH_SUFFIX_DEFAULT):
                        for ind in g["cn_industry"]:
                            zh = zt.format(name="澜瞳" + zs, kw=zk)
                            c = vocab.classify(f"{ind[0]} {ind[1]} {zh}")
                            if c.is_ai and not c.ambiguous and c.sub_segment == sub and c.segment == seg:
                                ok.append((zt, zk, zs, ind))
            en_ok = []
            for et in g["en"]:
                for ek in g["en_kw"]:
                    for es in names.EN_SUFFIX.get(sub, names.EN_SUFFIX_DEFAULT):
                        cats = list(g["cats"][0]) + g["cats"][1][:1]
                        en = et.format(name=("Zorvex " + es).strip(), kw=ek)
                        c = vocab.classify(",".join(cats) + " " + ",".join(g["groups"]) + " " + en)
                        if c.is_ai and not c.ambiguous and c.sub_segment == sub and c.segment == seg:
                            en_ok.append((et, ek, es, cats))
            assert ok and en_ok, sub
            self.ai[sub] = [ok, en_ok, g["groups"]]
        self.non_ai = texts.NON_AI


_ON, _VO, _MI, _V2, _CO, _SC, _EN = (names.ONSETS, names.VOWELS, names.MIDDLES, names.VOWELS2, names.CODAS,
                                      names.SHORT_CODAS, names.ENDINGS)


def pseudo_word(rng: random.Random) -> str:
    r = rng.random
    v2 = _V2[int(r() * len(_V2))]
    w = _ON[int(r() * len(_ON))] + _VO[int(r() * len(_VO))] + _MI[int(r() * len(_MI))] + v2
    if r() < 0.3:
        w += _MI[int(r() * len(_MI))] + _EN[int(r() * len(_EN))]
    elif len(v2) == 1:
        w += _CO[int(r() * len(_CO))]
    else:
        w += _SC[int(r() * len(_SC))]
    return w[:1].upper() + w[1:]


def cum_weights(weights):
    acc = 0.0
    total = float(sum(weights))
    for w in weights:
        acc += w / total
        yield acc


def pick(cum: list[float], x: float) -> int:
    return min(bisect.bisect_left(cum, x), len(cum) - 1)


def quote(s: str) -> str:
    if "," in s or '"' in s or "\n" in s:
        return '"' + s.replace('"', '""') + '"'
    return s

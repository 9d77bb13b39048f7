"""Abbreviations that end in a period without ending a sentence."""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "TITLES", "is_abbreviation_before"]

#: Titles and honorifics: never end a sentence (``Dr. Smith``).
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "gov",
        "sen",
        "rep",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "adm",
        "cmdr",
        "rev",
        "hon",
        "pres",
        "supt",
        "mt",
        "ft",
        "messrs",
        "mme",
        "mlle",
        "atty",
        "det",
        "insp",
        "cpl",
        "pvt",
        "brig",
        "cmdr",
        "gens",
        "reps",
        "sens",
    ]
)

#: Other abbreviations that rarely end a sentence.
ABBREVIATIONS = TITLES | frozenset(
    [
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "no",
        "nos",
        "vol",
        "vols",
        "fig",
        "figs",
        "approx",
        "dept",
        "est",
        "al",
        "cf",
        "ca",
        "ave",
        "blvd",
        "rd",
        "jan",
        "feb",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "tues",
        "wed",
        "thurs",
        "fri",
        "op",
        "pp",
        "ed",
        "eds",
        "univ",
        "assn",
        "bros",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "ph.d",
        "u.s.a",
        "n.y",
        "l.a",
        "b.c",
        "a.d",
    ]
)


_LONGEST = 24  # no abbreviation or dotted acronym is longer; a longer word never is one


def is_abbreviation_before(text: str, dot: int) -> bool:
    """True when the period at ``text[dot]`` closes an abbreviation or an initial.

    >>> is_abbreviation_before("see Dr. Smith", 6)
    True
    >>> is_abbreviation_before("in the U.S. Army", 10)
    True
    >>> is_abbreviation_before("in Ukraine. Biden", 10)
    False
    """
    start = dot
    floor = max(0, dot - _LONGEST)  # bounded: a run of "ab.Cd" repeated costs O(1) per dot
    while start > floor and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word or (start == floor and start > 0 and (text[start - 1].isalpha() or text[start - 1] == ".")):
        return False
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and text[start].isupper():
        return True  # an initial: "J. Smith"
    # dotted acronyms such as "U.S" or "a.m" (the final dot is ``dot``)
    parts = word.split(".")
    return len(parts) >= 2 and all(len(p) == 1 for p in parts)

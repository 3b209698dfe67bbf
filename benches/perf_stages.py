#!/usr/bin/env python3
"""Splits a `perf record --call-graph dwarf` profile of `samvad build` into
the build's stages.

    perf script -i perf.data -F tid,ip,sym | benches/perf_stages.py

Each sample is charged to the first stage, in the order below, that has a
function on the sample's stack, so highlighting inside Markdown rendering
counts as highlighting, and writing from inside rendering as writing.
Prints a markdown table of the share of CPU samples per stage.
"""
import collections
import sys

STAGES = [
    ("social snippets (social::output::stage)", ["samvad::social::"]),
    ("highlight (syntect)", ["samvad::highlight::", "syntect::"]),
    ("markdown parse + HTML (pulldown-cmark)", ["samvad::markdown::", "pulldown_cmark"]),
    ("write (Staging put/copy/commit, file system)", ["write::Staging", "Staging::put", "Staging::copy", "Staging::commit", "remove_dir_all"]),
    ("read + front matter (load)", ["samvad::load::", "samvad::frontmatter::"]),
    ("feeds (RSS + Atom)", ["samvad::feeds::"]),
    ("sitemap entries", ["sitemap"]),
    ("render (tera, page contexts, SEO, share links)", ["samvad::render::", "tera::", "samvad::seo::"]),
    ("parse (rest of the page model)", ["samvad::parse::"]),
    ("link + assemble", ["samvad::link::", "samvad::site::"]),
    ("template loading", ["samvad::templates::"]),
]


def bare(frame):
    """A frame's function path without generic arguments, which name other
    stages' types (a closure generic over `write::Staging` is not writing)."""
    out, depth = [], 0
    for ch in frame:
        if ch == "<":
            depth += 1
        elif ch == ">" and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def classify(frames):
    text = "\n".join(bare(f) for f in frames)
    for name, keys in STAGES:
        if any(k in text for k in keys):
            return name
    if "rayon_core" in text:
        return "rayon scheduling"
    return "other"


def main():
    counts = collections.Counter()
    frames = []

    def flush():
        if frames:
            counts[classify(frames)] += 1
            frames.clear()

    for line in sys.stdin:
        if not line.strip():
            flush()
        elif line.startswith("\t"):
            frames.append(line.strip())
        else:
            flush()
    flush()
    total = sum(counts.values()) or 1
    print("| stage | share of CPU samples |\n|---|---|")
    for name, n in counts.most_common():
        print(f"| {name} | {100 * n / total:.1f}% |")
    print(f"\n{total} samples")


if __name__ == "__main__":
    main()

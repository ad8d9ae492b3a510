"""The cross-domain grouping corpus: labeled episodes (audio-only media + SRT + truth CSV) built at run time into
an ignored cache folder, one sub-folder per domain. ``python -m benchmarks.corpus.build --help``; data is never
committed. See docs/evaluation.md."""

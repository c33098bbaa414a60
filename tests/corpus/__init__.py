"""The differential citation corpus: items, sequences, pinned styles and the two oracles' goldens."""

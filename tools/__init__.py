"""Build-time generators, run by hand from the repository root; never installed, never imported at
run time (their extra libraries: `pip install -e '.[tools]'`). The runtime packages keep only what
these write:

- `python -m tools.sample_documents`: the sample corpus's PDF and DOCX (knowledge/corpus/);
- `python -m tools.build_names [--scripts]`: the name gazetteers (guardrails/names_data/*.tsv.gz),
  from names-dataset and hunspell-sv;
- `python -m tools.norrvik_binaries`: the Norrvik office's DOCX and PDF (evals/offices/norrvik/dokument/).
"""

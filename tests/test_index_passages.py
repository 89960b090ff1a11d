"""A search card's passage is the best window of the body, never a citation or URL line."""

import pytest

from index.passages import best_passage, body_text
from index.text import fold

BODY = (
    "The provincial People's Committee held a meeting on Monday.\n"
    "Quang Ninh ranked first in the 2023 PAR Index with 91.5 points.\n"
)


@pytest.mark.parametrize(
    "furniture",
    [
        "Source: https://baoquangninh.vn/par-index-2023",
        "Nguồn: https://baoquangninh.vn/par-index-2023",
        "来源：https://baoquangninh.vn/par-index-2023",
        "https://baoquangninh.vn/par-index-2023",
        "Related news\n- Quang Ninh PAR Index 2022 results\n- Another headline",
    ],
)
def test_body_leaves_out_citations_urls_and_related_blocks(furniture):
    assert body_text(BODY + furniture) == BODY.strip()


def test_a_chunk_of_furniture_only_has_no_passage():
    passage, highlights = best_passage(
        "Source: https://example.vn/a Quang Ninh", [fold("Quang Ninh")]
    )
    assert (passage, highlights) == ("", ())


def test_passage_opens_on_the_densest_run_of_query_terms():
    filler = "Other business was discussed at length by the delegates present. " * 12
    text = f"Quang Ninh was mentioned once.\n{filler}\n{BODY}Source: https://x.vn/a"
    passage, highlights = best_passage(text, [fold("Quang Ninh"), fold("PAR Index"), "2023"])
    assert "ranked first in the 2023 PAR Index" in passage
    assert "Source:" not in passage
    assert {passage[s:e] for s, e in highlights} >= {"Quang Ninh", "PAR Index", "2023"}

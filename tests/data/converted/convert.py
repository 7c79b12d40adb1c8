"""Regenerate the converted forms in this folder: each real PDF of the corpus through each PDF→Markdown
converter, with a copy of its gold beside it (so extract_eval.py can score the folder as it is).

    pip install -e ".[forms]"
    python tests/data/converted/convert.py ../shared/corpus/2024_huaian_szf.pdf ../shared/corpus/derived/*_page_word.pdf

The converters are a dev tool only: the tests read the committed files and never run them.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).parent


def pymupdf4llm(pdf: Path) -> str:
    import pymupdf4llm

    return pymupdf4llm.to_markdown(str(pdf))


def markitdown(pdf: Path) -> str:
    from markitdown import MarkItDown

    return MarkItDown().convert(str(pdf)).text_content


CONVERTERS = {"pymupdf4llm": pymupdf4llm, "markitdown": markitdown}


def main(pdfs: list[str]) -> None:
    for name in pdfs:
        pdf = Path(name)
        gold = pdf.with_suffix(".facts.json")
        for converter, convert in CONVERTERS.items():
            out = HERE / f"{pdf.stem}.{converter}.md"
            out.write_text(convert(pdf), encoding="utf-8")
            shutil.copyfile(gold, HERE / f"{pdf.stem}.{converter}.facts.json")
            print(out.name)


if __name__ == "__main__":
    main(sys.argv[1:])

"""examples/notebook.ipynb runs headless, top to bottom, so it cannot rot."""

import nbformat
from nbclient import NotebookClient

from conftest import REPO

NOTEBOOK = REPO / "examples" / "notebook.ipynb"


def test_notebook_executes_and_shows_the_story() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    text = []
    images = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                text.append(out["text"])
            data = out.get("data", {})
            text.append(data.get("text/plain", ""))
            images += "image/png" in data or "image/svg+xml" in data
    shown = "\n".join(text)
    assert "JAR-AMBER-8OZ" in shown  # the shortages frame
    assert "customers to contact: Ada Lovelace, Blaise Pascal, Corner Shop" in shown
    assert "promised 2026-03-13 (asked for 2026-03-12)" in shown  # the promise of draft lines
    assert "SO-000003 Corner Shop promised 2026-03-14" in shown  # waits for the pouring line
    assert images == 3  # the production timeline, the trace graph and the schedule Gantt


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.cells
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")

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
            images += "image/png" in data
    shown = "\n".join(text)
    assert "JAR-AMBER-8OZ" in shown  # the shortages frame
    assert "customers to contact: Ada Lovelace, Blaise Pascal, Corner Shop" in shown
    assert images == 2  # the production timeline and the trace graph


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert nb.cells
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")

"""Look at a PDF the way a person would: render its first page to PNG and read its text."""

import subprocess

from csc.testing import system_tool


def _tool(name):
    return system_tool(name, "poppler-utils")


def render_png(data, tmp_path, name="page"):
    """Render page 1 to a PNG with pdftoppm; return the PNG's bytes."""
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(data)
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / name),
        ],
        check=True,
        capture_output=True,
    )
    return (tmp_path / f"{name}.png").read_bytes()


def text_of(data):
    """Return the text poppler reads from the PDF (proves the CJK font maps back to characters)."""
    done = subprocess.run(
        [_tool("pdftotext"), "-layout", "-", "-"], input=data, check=True, capture_output=True
    )
    return done.stdout.decode("utf-8")

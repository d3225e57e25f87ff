"""Render QWeb PDF reports with the real wkhtmltopdf and look at the pages.

Under tests Odoo renders a report's HTML instead of its PDF unless asked
(``force_report_rendering``). These checks ask, then read the PDF with
poppler's tools as a reader would see it: ``pdfinfo`` gives the paper,
``pdftoppm`` turns the pages into images, ``pdftotext`` gives the words.

Use one render per test (a render takes a second or two), of one record:
Debian's wkhtmltopdf is built on an unpatched Qt, which cannot put several
documents in one PDF, nor render Odoo's separate header and footer (the body
of the document is what these checks look at). That Qt also draws text
set in web fonts (Odoo's reports use Lato) as shapes, which no tool can read
back: the render maps the Lato family to the system's Lato (Debian's
``fonts-lato``), the same typeface, which the PDF then embeds as text.
"""

import contextlib
import dataclasses
import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from unittest.mock import patch

from PIL import Image

from odoo.tests import HttpCase

from .common import TransportTourCase

_logger = logging.getLogger(__name__)

POPPLER_TOOLS = ("pdfinfo", "pdftoppm", "pdftotext")
# Sizes in points (1/72 inch), portrait.
PAPER_SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
PAPER_TOLERANCE_PT = 2.0
MM_PER_INCH = 25.4
LATO_FACES = "".join(
    f"@font-face{{font-family:'Lato';src:local('Lato');"
    f"font-weight:{weight};font-style:{style}}}"
    for weight in (100, 300, 400, 700, 900)
    for style in ("normal", "italic")
)
SYSTEM_LATO_STYLE = f"<style>{LATO_FACES}</style>"


@dataclasses.dataclass
class RenderedPdf:
    """A rendered report: its bytes, the size of each page in points, each
    page as a grayscale image at ``dpi``, and its text."""

    name: str
    content: bytes
    page_sizes: list
    pages: list
    text: str
    dpi: int

    @property
    def words(self):
        """The text with runs of white space made single spaces."""
        return " ".join(self.text.split())


class PdfRenderMixin:
    """Checks of QWeb PDF reports as rendered documents, for TransactionCase
    or HttpCase based test classes.

    ``assertPdfLooksRight`` runs every check; each is also usable alone.
    Set ``TOUR_SCREENSHOTS`` (see ``TransportTourCase``) to keep the first
    page of each render as ``pdf_<name>.png`` next to the tours' screenshots.
    """

    pdf_dpi = 50
    # Keep the first page next to the tours' screenshots (TOUR_SCREENSHOTS)?
    pdf_keep_pages = True
    # A pixel darker than this (0 black, 255 white) is ink.
    pdf_ink_threshold = 200
    # A page whose share of ink is outside these bounds is blank or a smudge.
    pdf_min_ink = 0.003
    pdf_max_ink = 0.35
    # The layout keeps this much paper white on the right: ink there means
    # the content is wider than the page and was cut.
    pdf_right_edge_mm = 4.0

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------
    def render_pdf(self, report_ref, record, name=None):
        """Render ``report_ref`` (xml id or report) for one record."""
        record.ensure_one()
        self._check_pdf_tools()
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        report = Report._get_report(report_ref)
        # wkhtmltopdf loads the report's style sheets from this server.
        port = HttpCase.http_port()
        if not port:
            self.fail("PDF checks need Odoo's HTTP server: run without --no-http.")
        # sudo: system parameters are for administrators, whoever the test runs as
        self.env["ir.config_parameter"].sudo().set_param(
            "report.url", f"http://127.0.0.1:{port}"
        )
        run_wkhtmltopdf = type(Report)._run_wkhtmltopdf

        def run_with_system_lato(report_model, bodies, *args, **kwargs):
            # str(): the bodies are Markup, whose replace() would escape
            bodies = [
                str(body).replace("</head>", f"{SYSTEM_LATO_STYLE}</head>", 1)
                for body in bodies
            ]
            return run_wkhtmltopdf(report_model, bodies, *args, **kwargs)

        with (
            self._pdf_render_allowed(),
            patch.object(type(Report), "_run_wkhtmltopdf", run_with_system_lato),
        ):
            content, file_type = Report._render_qweb_pdf(report, record.ids)
        self.assertEqual(file_type, "pdf", f"{report.name} did not render as a PDF")
        name = name or re.sub(r"\W+", "_", report.report_name.split(".")[-1])
        return self._read_pdf(name, content)

    def _pdf_render_allowed(self):
        if isinstance(self, HttpCase):  # lets wkhtmltopdf in by itself
            return contextlib.nullcontext()
        return self.allow_pdf_render()

    def _check_pdf_tools(self):
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            self.fail(
                f"wkhtmltopdf is not usable (state {state!r}): "
                "install it (apt-get install wkhtmltopdf)."
            )
        missing = [tool for tool in POPPLER_TOOLS if not shutil.which(tool)]
        if missing:
            self.fail(
                f"{', '.join(missing)} missing: install poppler-utils "
                "(apt-get install poppler-utils)."
            )
        lato = subprocess.run(
            ["fc-list", "Lato"], capture_output=True, text=True, check=False
        )
        if not lato.stdout.strip():
            self.fail("The Lato font is missing: apt-get install fonts-lato.")

    def _read_pdf(self, name, content):
        with tempfile.TemporaryDirectory(prefix="transport_pdf_") as tmp:
            pdf_path = Path(tmp) / "report.pdf"
            pdf_path.write_bytes(content)
            info = self._run_poppler("pdfinfo", "-f", "1", "-l", "9999", pdf_path)
            page_sizes = [
                (float(width), float(height))
                for width, height in re.findall(
                    r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE
                )
            ]
            self._run_poppler(
                "pdftoppm", "-r", str(self.pdf_dpi), "-gray", "-png", pdf_path,
                Path(tmp) / "page",
            )  # fmt: skip
            pages = []
            for path in sorted(Path(tmp).glob("page-*.png"), key=_page_number):
                with Image.open(path) as image:
                    pages.append(image.convert("L"))
            text = self._run_poppler("pdftotext", "-enc", "UTF-8", pdf_path, "-")
        rendered = RenderedPdf(name, content, page_sizes, pages, text, self.pdf_dpi)
        self._keep_first_page(rendered)
        return rendered

    @staticmethod
    def _run_poppler(tool, *args):
        result = subprocess.run(
            [tool, *map(str, args)], capture_output=True, check=False
        )
        if result.returncode:
            raise AssertionError(
                f"{tool} failed on the rendered PDF: "
                f"{result.stderr.decode(errors='replace')[-500:]}"
            )
        return result.stdout.decode("utf-8", errors="replace")

    def _keep_first_page(self, rendered):
        directory = TransportTourCase._screenshot_dir()
        if not self.pdf_keep_pages or not directory or not rendered.pages:
            return
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"pdf_{rendered.name}.png"
        rendered.pages[0].save(path)
        _logger.info("Rendered report page saved in %s", path)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def assertPdfLooksRight(
        self, rendered, texts, pages=1, paper="A4", landscape=False
    ):
        """Every check: page count, paper, ink, right edge, texts."""
        self.assertPdfPages(rendered, pages)
        self.assertPdfPaper(rendered, paper, landscape=landscape)
        self.assertPdfNotBlank(rendered)
        self.assertPdfNotCutAtRightEdge(rendered)
        self.assertPdfTexts(rendered, texts)

    def assertPdfPages(self, rendered, count):
        self.assertEqual(
            len(rendered.page_sizes),
            count,
            f"{rendered.name}: {len(rendered.page_sizes)} pages instead of {count}",
        )
        self.assertEqual(len(rendered.pages), count, "every page became an image")

    def assertPdfPaper(self, rendered, paper="A4", landscape=False):
        short, long = PAPER_SIZES[paper]
        expected = (long, short) if landscape else (short, long)
        orientation = "landscape" if landscape else "portrait"
        for number, (width, height) in enumerate(rendered.page_sizes, start=1):
            self.assertTrue(
                abs(width - expected[0]) <= PAPER_TOLERANCE_PT
                and abs(height - expected[1]) <= PAPER_TOLERANCE_PT,
                f"{rendered.name} page {number} is {width:.0f}x{height:.0f} pt, "
                f"not {paper} {orientation}",
            )

    def assertPdfNotBlank(self, rendered):
        for number, page in enumerate(rendered.pages, start=1):
            ink = self._ink_share(page)
            self.assertGreaterEqual(
                ink,
                self.pdf_min_ink,
                f"{rendered.name} page {number} is blank ({ink:.2%} ink)",
            )
            self.assertLessEqual(
                ink,
                self.pdf_max_ink,
                f"{rendered.name} page {number} is mostly ink ({ink:.2%})",
            )

    def assertPdfNotCutAtRightEdge(self, rendered):
        for number, page in enumerate(rendered.pages, start=1):
            width, height = page.size
            edge = round(self.pdf_right_edge_mm / MM_PER_INCH * rendered.dpi)
            band = page.crop((width - edge, 0, width, height))
            self.assertEqual(
                self._ink_share(band),
                0.0,
                f"{rendered.name} page {number} has ink in its last "
                f"{self.pdf_right_edge_mm} mm on the right: the content is "
                "wider than the page and is cut",
            )

    def assertPdfTexts(self, rendered, texts):
        words = rendered.words
        missing = [text for text in texts if " ".join(text.split()) not in words]
        self.assertFalse(
            missing, f"{rendered.name} does not show {missing}; it reads: {words}"
        )

    def _ink_share(self, image):
        histogram = image.histogram()
        ink = sum(histogram[: self.pdf_ink_threshold])
        return ink / (image.size[0] * image.size[1])


def _page_number(path):
    return int(path.stem.rsplit("-", 1)[-1])

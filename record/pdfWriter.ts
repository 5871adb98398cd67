import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFHexString, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Block, RecordDocument } from './recordDocument';

/** The TrueType fonts the record is set in (./fonts.ts): any name on a ballot must print. */
export interface RecordFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** A4 in points, with margins wide enough to file the print. */
const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const SIZE = { title: 18, subtitle: 11, heading: 12.5, body: 9.5, footer: 8 };
const LEADING = 1.35;
const CELL_GAP = 6;
const SIGNATURE_ROW = 34;
const GREY = rgb(0.35, 0.35, 0.35);
const PRODUCER = 'student-election official record';

/**
 * Lays the document out on A4 pages and writes the PDF. Nothing in the bytes depends on when or
 * where this runs: the dates and the document ID come from the log, the font subsets are named
 * (pdf-lib adds a random suffix to a name not given), and pdf-lib writes no time of its own.
 */
export async function writePdf(document: RecordDocument, fonts: RecordFonts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  // A subset's name is six capital letters, a plus and the font's name (ISO 32000-1, 9.6.4): fixed here.
  const regular = await pdf.embedFont(fonts.regular, { subset: true, customName: 'RECORD+DejaVuSans' });
  const bold = await pdf.embedFont(fonts.bold, { subset: true, customName: 'RECBLD+DejaVuSans-Bold' });
  const { metadata } = document;
  pdf.setTitle(metadata.title);
  pdf.setSubject(metadata.subject);
  pdf.setLanguage(metadata.language);
  pdf.setProducer(PRODUCER);
  pdf.setCreator(PRODUCER);
  pdf.setCreationDate(metadata.date);
  pdf.setModificationDate(metadata.date);
  const id = PDFHexString.of(metadata.documentId);
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);

  const layout = new Layout(pdf, regular, bold, document.banner);
  layout.text(document.title, { font: bold, size: SIZE.title });
  layout.text(document.subtitle, { font: regular, size: SIZE.subtitle });
  for (const section of document.sections) {
    layout.gap(10);
    layout.heading(section.title);
    for (const block of section.blocks) layout.block(block);
  }
  layout.footers(document.footer, document.pageLabel);
  // A plain cross-reference table: every PDF reader takes it, and it reads by eye.
  return pdf.save({ useObjectStreams: false });
}

/** Where the next line goes, a page at a time. */
class Layout {
  private page!: PDFPage;
  private y = 0;
  private readonly pages: PDFPage[] = [];
  private readonly width = PAGE.width - 2 * PAGE.margin;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly banner: string | undefined,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
    if (this.banner) {
      for (const line of wrap(this.banner, this.bold, SIZE.body, this.width)) {
        this.page.drawText(line, { x: PAGE.margin, y: this.y - SIZE.body, size: SIZE.body, font: this.bold, color: rgb(0.7, 0, 0) });
        this.y -= SIZE.body * LEADING;
      }
      this.y -= SIZE.body * LEADING;
    }
  }

  /** Starts a new page unless `height` more points fit on this one. */
  private room(height: number): void {
    if (this.y - height < PAGE.margin + SIZE.footer * 3) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  text(text: string, { font, size }: { font: PDFFont; size: number }): void {
    for (const line of wrap(text, font, size, this.width)) {
      this.room(size * LEADING);
      this.page.drawText(line, { x: PAGE.margin, y: this.y - size, size, font });
      this.y -= size * LEADING;
    }
  }

  heading(title: string): void {
    // A heading keeps a table's head and first row, or three lines, of its section with it.
    this.room(SIZE.heading * LEADING + SIZE.body * LEADING * 4 + 6);
    this.text(title, { font: this.bold, size: SIZE.heading });
    this.gap(2);
  }

  block(block: Block): void {
    switch (block.kind) {
      case 'paragraph':
        // A bold line heads what follows it: it keeps a table's head and first row with it.
        if (block.bold) this.room(SIZE.body * LEADING * 4 + 6);
        this.text(block.text, { font: block.bold ? this.bold : this.regular, size: SIZE.body });
        this.gap(3);
        return;
      case 'fields':
        for (const [label, value] of block.rows) {
          if (block.stacked) {
            // The label stays on the page of its value.
            this.room(SIZE.body * LEADING * 2);
            this.row([label], [1], [this.bold]);
            this.row([value], [1], [this.regular]);
          } else this.row([label, value], [0.4, 0.6], [this.bold, this.regular]);
        }
        this.gap(4);
        return;
      case 'table':
        // A table's head keeps its first row with it.
        this.room(SIZE.body * LEADING * 3 + 3);
        this.row(
          block.columns,
          block.widths,
          block.columns.map(() => this.bold),
          true,
        );
        for (const cells of block.rows)
          this.row(
            cells,
            block.widths,
            cells.map(() => this.regular),
          );
        this.gap(4);
        return;
      case 'signatures':
        this.room(SIZE.body * LEADING + 3 + SIGNATURE_ROW);
        this.row(block.columns, [0.4, 0.2, 0.4], [this.bold, this.bold, this.bold], true);
        for (const name of block.names) this.signatureLine(name);
        return;
    }
  }

  /** One row of cells, each wrapped within its column; `ruled`: a line under it (a table's head). */
  private row(cells: readonly string[], widths: readonly number[], fonts: readonly PDFFont[], ruled = false): void {
    const columns = cells.map((cell, i) => wrap(cell, fonts[i]!, SIZE.body, widths[i]! * this.width - CELL_GAP));
    const lineHeight = SIZE.body * LEADING;
    const height = Math.max(1, ...columns.map((lines) => lines.length)) * lineHeight;
    this.room(height + 2);
    let x = PAGE.margin;
    for (const [i, lines] of columns.entries()) {
      lines.forEach((line, j) => this.page.drawText(line, { x, y: this.y - SIZE.body - j * lineHeight, size: SIZE.body, font: fonts[i]! }));
      x += widths[i]! * this.width;
    }
    this.y -= height;
    if (ruled) {
      this.page.drawLine({ start: { x: PAGE.margin, y: this.y + 1 }, end: { x: PAGE.margin + this.width, y: this.y + 1 }, thickness: 0.5, color: GREY });
      this.y -= 3;
    }
  }

  /** A member's name, and lines for the date and the signature. */
  private signatureLine(name: string): void {
    this.room(SIGNATURE_ROW);
    const base = this.y - SIGNATURE_ROW + 8;
    const line = (from: number, to: number) =>
      this.page.drawLine({ start: { x: PAGE.margin + from * this.width, y: base }, end: { x: PAGE.margin + to * this.width - CELL_GAP, y: base }, thickness: 0.5 });
    const [first] = wrap(name, this.regular, SIZE.body, 0.4 * this.width - CELL_GAP);
    this.page.drawText(first ?? '', { x: PAGE.margin, y: base + 3, size: SIZE.body, font: this.regular });
    if (name === '') line(0, 0.4);
    line(0.4, 0.6);
    line(0.6, 1);
    this.y -= SIGNATURE_ROW;
  }

  /** The footer's lines and the page number on every page, once the number of pages is known. */
  footers(footer: readonly string[], pageLabel: (n: number, of: number) => string): void {
    const total = this.pages.length;
    const lineHeight = SIZE.footer * LEADING;
    for (const [i, page] of this.pages.entries()) {
      const top = PAGE.margin / 2 + (footer.length - 1) * lineHeight;
      footer.forEach((line, j) => {
        // The first line leaves room for the page's number.
        const [first] = wrap(line, this.regular, SIZE.footer, j === 0 ? this.width * 0.8 : this.width);
        page.drawText(first ?? '', { x: PAGE.margin, y: top - j * lineHeight, size: SIZE.footer, font: this.regular, color: GREY });
      });
      const number = pageLabel(i + 1, total);
      page.drawText(number, { x: PAGE.margin + this.width - this.regular.widthOfTextAtSize(number, SIZE.footer), y: top, size: SIZE.footer, font: this.regular, color: GREY });
    }
  }
}

/** The text in lines no wider than `width`: at spaces where it can, within a word (a hash) where it must. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      // A word wider than the column is cut where it no longer fits.
      while (!fits(rest)) {
        const characters = [...rest];
        let n = characters.length - 1;
        while (n > 1 && !fits(characters.slice(0, n).join(''))) n -= 1;
        lines.push(characters.slice(0, n).join(''));
        rest = characters.slice(n).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

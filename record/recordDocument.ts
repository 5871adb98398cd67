/**
 * The record as a document of sections and blocks, before any layout: what the PDF writer
 * (./pdfWriter.ts) draws, and what a section added later returns.
 */
export type Block =
  | { kind: 'paragraph'; text: string; bold?: boolean }
  /** Label and value rows; `stacked`: each value on a line of its own under its label, for values as long as a hash. */
  | { kind: 'fields'; rows: (readonly [string, string])[]; stacked?: boolean }
  /** `widths`: each column's share of the line, summing to 1. */
  | { kind: 'table'; columns: string[]; widths: number[]; rows: string[][] }
  /** A line to sign for each name. */
  | { kind: 'signatures'; columns: [name: string, date: string, signature: string]; names: string[] };

export interface Section {
  title: string;
  blocks: Block[];
}

export interface RecordDocument {
  title: string;
  /** Under the title: the election's title and whether the record is provisional. */
  subtitle: string;
  /** A line set apart at the top of every page while the results are not published. */
  banner?: string;
  sections: Section[];
  /** Lines at the foot of every page, the first beside its number. */
  footer: string[];
  /** Page n of so many. */
  pageLabel: (n: number, of: number) => string;
  /** The PDF's fixed metadata: nothing in it depends on when or where it is built. */
  metadata: { title: string; subject: string; language: string; date: Date; documentId: string };
}

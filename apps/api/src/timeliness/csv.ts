export type CsvValue = string | number | boolean | null | undefined;

/** Spreadsheets run a cell that starts with one of these as a formula ("CSV injection", OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field. Strings that a spreadsheet would read as a formula get a leading apostrophe so they stay text;
 * fields holding a comma, quote, line break or outer spaces are quoted with inner quotes doubled. Numbers are never
 * prefixed, so negative values stay numeric.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header row, then one line per row, CRLF line ends as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const row of rows) {
    // A short or long row would shift every later column in a spreadsheet: a bug, not data.
    if (row.length !== header.length) throw new Error(`CSV row has ${row.length} fields, header has ${header.length}`);
  }
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

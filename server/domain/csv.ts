// CSV of RFC 4180 with one defence more: a cell a spreadsheet would run as a formula is defused.
// Pure.
//
// - Fields with a comma, a quote, CR or LF are quoted, quotes doubled; rows end with CRLF.
// - CSV injection (OWASP): a text cell starting with `=`, `+`, `-`, `@`, TAB or CR is a formula to
//   Excel, LibreOffice and Google Sheets (`=HYPERLINK(...)`, `@SUM(...)`). Such cells get a leading
//   apostrophe, which the spreadsheets show as text and do not run. Numbers are written by us and
//   never neutralized (a negative number stays a number); only text — what visitors and agents
//   typed — is.
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * @module
 * RFC 4180 CSV: fields separated by commas, records by CR LF or LF; a field in double quotes may
 * hold commas, line breaks and doubled quotes (`""`). Returns null for text that breaks the rules
 * (a quote left open, text right after a closing quote), which a reader reports as damage.
 */
export function parseCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        afterQuote = true;
      }
      continue;
    }
    if (char === ',') {
      row.push(field);
      field = '';
      afterQuote = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      afterQuote = false;
    } else if (afterQuote) {
      return null;
    } else if (char === '"' && field === '') {
      quoted = true;
    } else {
      field += char;
    }
  }
  if (quoted) return null;
  if (field !== '' || row.length > 0 || afterQuote) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (a trailing line break, an empty line between records) hold no record.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

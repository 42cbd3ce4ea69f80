import { TesseraError } from '../errors.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// RFC 8785 (JSON Canonicalization Scheme) for the values a record holds: object keys sorted by
// UTF-16 code units (§3.2.3), strings escaped as ECMAScript JSON.stringify does (§3.2.2.2), and
// numbers limited to safe integers, whose ECMAScript form is already canonical (§3.2.2.3).
// Equal values give equal text, so the text can order values and compare records.
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new TesseraError('invalid-input', 'Canonical JSON holds safe integers only');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
}

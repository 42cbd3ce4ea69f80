import type { RecordView } from '@tessera/core/vault/record';

// How search finds a record: every typed word must match one of the record's fields, and each
// match earns a score so the likeliest record is listed first. A word matches, best first:
//   the whole field ("github")                      1.0
//   a whole word of the field ("bank")              0.9
//   the start of a word ("git" in "GitHub")         0.8
//   the initials of the field's words ("aws" for "Amazon Web Services")  0.7
//   anywhere in the field ("hub" in "GitHub", "ada_plays")               0.6
//   the start of a word with a typo: one for 4 to 7 letters, two from 8 ("amazn" for "Amazon",
//   "gihtub" for "GitHub"), the first letter right                   0.5, less 0.1 per extra typo
// times the field's weight: the name a person knows a record by (title, issuer) counts most,
// then the website, the account and username, then the tags. Pure and written by hand (see
// docs/dependencies.md) so the rules above are the whole story and tested in web/test/search.test.ts.

/** Lower case without accents, so "zoe" finds "Zoë". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function hostOf(url: string): string {
  const trimmed = url.trim();
  if (!trimmed) return '';
  try {
    return new URL(/^[a-z][a-z\d+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`).hostname.replace(/^www\./, '');
  } catch {
    return trimmed;
  }
}

interface Field {
  text: string;
  words: string[];
  initials: string;
  weight: number;
}

const WEIGHT = { name: 1, site: 0.9, account: 0.8, tag: 0.7 } as const;

function field(raw: string, weight: number): Field | null {
  const text = fold(raw.trim());
  if (!text) return null;
  // Words split at anything that is not a letter or digit; a word written in camel case also
  // counts as its parts, so "GitHub" has the words "github", "git" and "hub" and the initials
  // "gh", and "OneDrive" the initials "od".
  const tokens = raw
    .trim()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const parts = tokens.flatMap((token) => token.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').split(' ')).map(fold);
  const words = [...new Set([...tokens.map(fold), ...parts])];
  const initials = parts.map((word) => word[0]).join('');
  return { text, words, initials, weight };
}

// Records are immutable views (an edit makes a new object), so each one's fields are folded
// once, not on every keystroke of a search over 1,000 records.
const fieldsCache = new WeakMap<RecordView, Field[]>();

function fieldsOf(record: RecordView): Field[] {
  let fields = fieldsCache.get(record);
  if (fields === undefined) {
    fields = [
      field(record.title, WEIGHT.name),
      field(record.otp?.issuer ?? '', WEIGHT.name),
      field(hostOf(record.url), WEIGHT.site),
      field(record.otp?.account ?? '', WEIGHT.account),
      field(record.username, WEIGHT.account),
      ...record.tags.map((tag) => field(tag, WEIGHT.tag)),
    ].filter((f): f is Field => f !== null);
    fieldsCache.set(record, fields);
  }
  return fields;
}

/** The typos forgiven in a word of this many letters. */
export function typosAllowed(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/**
 * The fewest single-letter edits (insert, delete, replace, swap two neighbours) that turn
 * `term` into the start of `word`, or `limit + 1` when it takes more than `limit`.
 */
export function prefixDistance(term: string, word: string, limit: number): number {
  const m = term.length;
  const n = Math.min(word.length, m + limit);
  if (n < m - limit) return limit + 1;
  // rows[i][j]: edits between term[0, i) and word[0, j); three rows for the swap case.
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const current = new Array<number>(n + 1);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= n; j++) {
      const cost = term[i - 1] === word[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && term[i - 1] === word[j - 2] && term[i - 2] === word[j - 1]) {
        best = Math.min(best, before[j - 2]! + 1);
      }
      current[j] = best;
      rowMin = Math.min(rowMin, best);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  // Any prefix of the word will do: the best of the last row.
  return Math.min(limit + 1, ...previous);
}

function termScore(term: string, f: Field): number {
  if (f.text === term) return 1;
  let best = 0;
  for (const word of f.words) {
    if (word === term) return 0.9;
    if (word.startsWith(term)) best = 0.8;
  }
  if (best) return best;
  if (term.length >= 2 && f.initials.length >= 2 && f.initials.startsWith(term)) return 0.7;
  if (f.text.includes(term)) return 0.6;
  const limit = typosAllowed(term.length);
  if (limit === 0) return 0;
  let fewest = limit + 1;
  for (const word of f.words) {
    if (word[0] !== term[0]) continue;
    fewest = Math.min(fewest, prefixDistance(term, word, limit));
  }
  return fewest <= limit ? 0.5 - 0.1 * (fewest - 1) : 0;
}

/** The words of a search, folded; an empty list matches everything. */
export function searchTerms(text: string): string[] {
  return fold(text).split(/\s+/).filter(Boolean);
}

/**
 * How well `record` matches the search words: 0 when some word matches none of its fields,
 * else the sum over the words of each one's best field score (higher is a better match).
 */
export function searchScore(record: RecordView, terms: readonly string[]): number {
  if (terms.length === 0) return 1;
  const fields = fieldsOf(record);
  let total = 0;
  for (const term of terms) {
    let best = 0;
    for (const f of fields) best = Math.max(best, termScore(term, f) * f.weight);
    if (best === 0) return 0;
    total += best;
  }
  return total;
}

export function matches(record: RecordView, text: string): boolean {
  return searchScore(record, searchTerms(text)) > 0;
}

import type { RecordView } from '@tessera/core/vault/record';
import { displayName } from '../lib/record-list.ts';

// Which existing records a newly scanned OTP probably belongs to. A site's QR code names its
// issuer ("GitHub", "Amazon Web Services"); the user's record names the same site by title or
// URL ("github.com", "https://aws.amazon.com/console"), spelled loosely. Scores are 0..1.

export interface Suggestion {
  record: RecordView;
  score: number;
}

const THRESHOLD = 0.5;
// Second-level labels under which the registrable name sits one label deeper (example.co.uk).
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'or', 'ne', 'go']);

/** Lower case, accents and punctuation removed: "Société Générale" -> "societegenerale". */
export function squash(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
}

/** The host of a record's URL without "www.", or '' when the URL is not one. */
export function urlHost(url: string): string {
  const trimmed = url.trim();
  if (trimmed === '') return '';
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    return parsed.hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The labels of a host that name the site, without the public suffix: aws.amazon.co.uk -> aws, amazon. */
function hostNames(host: string): string[] {
  const labels = host.split('.').filter((l) => l !== '');
  if (labels.length < 2) return labels;
  labels.pop();
  if (labels.length >= 2 && SECOND_LEVEL.has(labels[labels.length - 1]!)) labels.pop();
  return labels;
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Sørensen–Dice coefficient over character bigrams: tolerant of a typo or a missing letter. */
export function dice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b && a !== '' ? 1 : 0;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

/** How well an issuer names the same thing as one of a record's names. */
export function nameScore(issuer: string, name: string): number {
  const a = squash(issuer);
  const b = squash(name);
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.includes(short)) return 0.8;
  const shared = words(issuer).some((w) => words(name).includes(w));
  return Math.max(shared ? 0.7 : 0, dice(a, b));
}

function recordScore(record: RecordView, issuer: string, account: string): number {
  const host = urlHost(record.url);
  const names = [record.title, record.otp?.issuer ?? '', ...hostNames(host)];
  let score = 0;
  if (issuer.trim() !== '') for (const name of names) score = Math.max(score, nameScore(issuer, name));
  // The same login name is a hint, never enough alone: people reuse one email everywhere.
  if (score > 0 && account.trim() !== '') {
    const user = record.username.trim().toLowerCase();
    if (user !== '' && user === account.trim().toLowerCase()) score += 0.2;
    const domain = account.includes('@') ? account.split('@').pop()!.toLowerCase() : '';
    if (domain !== '' && host !== '' && (host === domain || host.endsWith(`.${domain}`))) score += 0.1;
  }
  return Math.min(score, 1.3);
}

/** Records that look like the OTP's site, best first (ties: most recently updated first). */
export function suggestRecords(
  records: readonly RecordView[],
  otp: { issuer: string; account: string },
  limit = 5,
): Suggestion[] {
  return records
    .filter((r) => !r.deleted)
    .map((record) => ({ record, score: recordScore(record, otp.issuer, otp.account) }))
    .filter((s) => s.score >= THRESHOLD)
    .sort((x, y) => y.score - x.score || y.record.updatedAt - x.record.updatedAt)
    .slice(0, limit);
}

/** Records whose title, URL, username, issuer or tags contain every word of the query. */
export function filterRecords(records: readonly RecordView[], query: string): RecordView[] {
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');
  return records
    .filter((r) => !r.deleted)
    .filter((r) => {
      const haystack = [r.title, r.url, r.username, r.otp?.issuer ?? '', r.otp?.account ?? '', ...r.tags]
        .join(' ')
        .toLowerCase();
      return terms.every((t) => haystack.includes(t));
    })
    .sort((a, b) => displayName(a).localeCompare(displayName(b)));
}

import { base32Decode } from '@tessera/core/otp/base32';
import type { Otp } from '@tessera/core/otp/types';
import { createRecord, deleteRecord, recordView } from '@tessera/core/vault/edit';
import { HybridClock } from '@tessera/core/vault/hlc';
import type { RecordInput, RecordView } from '@tessera/core/vault/record';
import { describe, expect, it } from 'vitest';
import { dice, filterRecords, nameScore, squash, suggestRecords, urlHost } from '../../src/add/suggest.ts';

// Real records made by core's record model, as the vault store hands them to the add flow.
let now = 1_700_000_000_000;
const clock = new HybridClock('device-test', () => now);

function record(input: RecordInput, id: string): RecordView {
  now += 1000;
  return recordView(createRecord(input, clock, id));
}

function otp(issuer: string, account = ''): Otp {
  return {
    type: 'totp',
    secret: base32Decode('JBSWY3DPEHPK3PXP'),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    issuer,
    account,
  };
}

const github = record({ title: 'GitHub', url: 'https://github.com/login', username: 'alice' }, 'github');
const aws = record(
  { title: 'Work console', url: 'https://aws.amazon.com/console/', username: 'alice@work.example' },
  'aws',
);
const bbc = record({ title: '', url: 'www.bbc.co.uk', username: 'alice' }, 'bbc');
const societe = record({ title: 'Société Générale', url: '' }, 'societe');
const mail = record({ title: 'Mail', url: 'https://mail.example.com', username: 'alice@example.com' }, 'mail');
const withCode = record({ title: 'Dropbox', otp: otp('Dropbox', 'alice') }, 'dropbox');
const gone = recordView(deleteRecord(createRecord({ title: 'GitHub old' }, clock, 'github-old'), clock));
const all = [github, aws, bbc, societe, mail, withCode, gone];

const ids = (issuer: string, account = '') => suggestRecords(all, otp(issuer, account)).map((s) => s.record.id);

describe('suggestRecords', () => {
  it('matches the issuer to a title, exactly or loosely', () => {
    expect(ids('GitHub')).toEqual(['github']);
    expect(ids('github.com')).toEqual(['github']);
    expect(ids('Githb')).toEqual(['github']);
    expect(ids('societe generale')).toEqual(['societe']);
  });

  it('matches the issuer to the name in a URL host, past subdomains and two-level suffixes', () => {
    expect(ids('Amazon Web Services')).toEqual(['aws']);
    expect(ids('AWS')).toEqual(['aws']);
    expect(ids('BBC')).toEqual(['bbc']);
  });

  it('matches the issuer of an OTP a record already has', () => {
    expect(ids('Dropbox')).toEqual(['dropbox']);
  });

  it('never suggests deleted records or unrelated ones, and nothing for an empty issuer', () => {
    expect(ids('GitHub')).not.toContain('github-old');
    expect(ids('Zulip')).toEqual([]);
    expect(ids('', 'alice')).toEqual([]);
  });

  it('ranks a record with the same login above an equal name match', () => {
    const personal = record({ title: 'Example', username: 'bob@example.com' }, 'example-bob');
    const work = record({ title: 'Example', username: 'alice@example.com' }, 'example-alice');
    const ranked = suggestRecords([personal, work], otp('Example', 'alice@example.com'));
    expect(ranked.map((s) => s.record.id)).toEqual(['example-alice', 'example-bob']);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });

  it('keeps the most recently updated first among equal scores, and honours the limit', () => {
    const many = [1, 2, 3, 4, 5, 6, 7].map((n) => record({ title: 'Example' }, `e${n}`));
    const ranked = suggestRecords(many, otp('Example'), 3);
    expect(ranked.map((s) => s.record.id)).toEqual(['e7', 'e6', 'e5']);
  });
});

describe('the parts of the match', () => {
  it('squash removes case, accents and punctuation', () => {
    expect(squash('Société Générale!')).toBe('societegenerale');
    expect(squash('  ')).toBe('');
  });

  it('urlHost reads hosts with or without a scheme and drops www.', () => {
    expect(urlHost('https://www.example.org/path?q=1')).toBe('example.org');
    expect(urlHost('example.org/login')).toBe('example.org');
    expect(urlHost('not a url at all')).toBe('');
    expect(urlHost('')).toBe('');
  });

  it('dice is 1 for the same word, 0 for nothing shared, in between for a typo', () => {
    expect(dice('github', 'github')).toBe(1);
    expect(dice('abc', 'xyz')).toBe(0);
    expect(dice('github', 'githb')).toBeGreaterThan(0.6);
    expect(dice('github', 'githb')).toBeLessThan(1);
  });

  it('nameScore grades containment and shared words below an exact match', () => {
    expect(nameScore('GitHub', 'github')).toBe(1);
    expect(nameScore('GitHub', 'GitHub Enterprise')).toBe(0.8);
    expect(nameScore('Amazon Web Services', 'Amazon')).toBe(0.8);
    expect(nameScore('Bank of Example', 'Example Bank')).toBeGreaterThanOrEqual(0.7);
    expect(nameScore('', 'anything')).toBe(0);
  });
});

describe('filterRecords', () => {
  it('finds records containing every word of the query, sorted by name, deleted ones left out', () => {
    expect(filterRecords(all, 'alice').map((r) => r.id)).toEqual(['bbc', 'dropbox', 'github', 'mail', 'aws']);
    expect(filterRecords(all, 'alice github').map((r) => r.id)).toEqual(['github']);
    expect(filterRecords(all, 'old')).toEqual([]);
  });
});

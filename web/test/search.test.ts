import { describe, expect, it } from 'vitest';
import type { Otp } from '@tessera/core/otp/types';
import type { RecordView } from '@tessera/core/vault/record';
import { hiddenMatches, listRecords, type ListQuery } from '../src/lib/record-list.ts';
import { prefixDistance, searchScore, searchTerms } from '../src/lib/search.ts';

const otp = (issuer: string, account: string): Otp => ({
  type: 'totp',
  secret: new Uint8Array([1, 2, 3]),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer,
  account,
});
let n = 0;
const record = (patch: Partial<RecordView>): RecordView => ({
  id: `r${n++}`,
  title: '',
  url: '',
  username: '',
  password: '',
  notes: '',
  tags: [],
  favourite: false,
  otp: null,
  deleted: false,
  createdAt: n,
  updatedAt: n,
  ...patch,
});

const amazon = record({ otp: otp('Amazon', 'alice@example.com'), tags: ['shopping'] });
const aws = record({ otp: otp('Amazon Web Services', 'root'), tags: ['work'] });
const github = record({ otp: otp('GitHub', 'ada'), url: 'https://github.com' });
const bank = record({ title: 'Bank', otp: otp('Big Bank', 'ada'), favourite: true });
const library = record({ title: 'Library', username: 'ada', url: 'https://www.library.example/login' });
const mailbox = record({ title: 'Mailbox', username: 'alice@example.com', tags: ['Work'] });
const all = [amazon, aws, github, bank, library, mailbox];
const query = (patch: Partial<ListQuery>): ListQuery => ({ text: '', tag: null, kind: 'all', sort: 'name', ...patch });
const names = (text: string, patch: Partial<ListQuery> = {}) =>
  listRecords(all, query({ text, ...patch }), new Map()).map((r) => r.title || r.otp?.issuer);
const score = (r: RecordView, text: string) => searchScore(r, searchTerms(text));

describe('search', () => {
  it('counts edits to the start of a word, swaps as one', () => {
    expect(prefixDistance('amazn', 'amazon', 1)).toBe(1);
    expect(prefixDistance('amzaon', 'amazon', 1)).toBe(1);
    expect(prefixDistance('gihtub', 'github', 1)).toBe(1);
    expect(prefixDistance('bank', 'banking', 1)).toBe(0);
    expect(prefixDistance('xyzw', 'amazon', 1)).toBe(2);
  });

  it('forgives a typo: "amazn" finds Amazon and AWS, Amazon first', () => {
    expect(names('amazn')).toEqual(['Amazon', 'Amazon Web Services']);
    expect(names('gihtub')).toEqual(['GitHub']);
  });

  it('matches the initials of the issuer: "aws" finds Amazon Web Services', () => {
    expect(names('aws')).toEqual(['Amazon Web Services']);
    expect(names('gh')).toEqual(['GitHub']);
  });

  it('matches words of the issuer, website, account and tags', () => {
    expect(names('services')).toEqual(['Amazon Web Services']);
    expect(names('library.example')).toEqual(['Library']);
    // A word of the website counts more than a word of the account.
    expect(names('example')).toEqual(['Library', 'Amazon', 'Mailbox']);
    expect(names('shopping')).toEqual(['Amazon']);
    expect(names('root')).toEqual(['Amazon Web Services']);
    expect(names('WORK')).toEqual(['Amazon Web Services', 'Mailbox']);
  });

  it('needs every word to match somewhere', () => {
    expect(names('ada bank')).toEqual(['Bank']);
    expect(names('amazon root')).toEqual(['Amazon Web Services']);
    expect(names('amazon nothing')).toEqual([]);
    // Short words get no typo allowance: "gtb" is neither a word start nor initials.
    expect(names('gtb')).toEqual([]);
  });

  it('ranks the name over the account, whole words over starts, starts over typos', () => {
    expect(score(bank, 'bank')).toBeGreaterThan(score(github, 'ada'));
    expect(score(amazon, 'amazon')).toBeGreaterThan(score(aws, 'amazon'));
    expect(score(amazon, 'amaz')).toBeGreaterThan(score(amazon, 'amazn'));
    expect(score(aws, 'aws')).toBeGreaterThan(score(aws, 'amazn'));
    // "ada" is whole in every account; the favourite Bank leads the equals, then by name.
    expect(names('ada')).toEqual(['Bank', 'GitHub', 'Library']);
    expect(names('ali')).toEqual(['Amazon', 'Mailbox']);
  });

  it('ignores case and accents', () => {
    const zoe = record({ title: 'Zoë’s bank' });
    expect(score(zoe, 'ZOE')).toBeGreaterThan(0);
  });

  it('says how many matches the view leaves out, and where', () => {
    expect(hiddenMatches(all, query({ text: 'mailbox', kind: 'codes' }))).toEqual({ withoutCode: 1, outsideTag: 0 });
    expect(hiddenMatches(all, query({ text: 'ada', kind: 'codes' }))).toEqual({ withoutCode: 1, outsideTag: 0 });
    expect(hiddenMatches(all, query({ text: 'ada', kind: 'all' }))).toEqual({ withoutCode: 0, outsideTag: 0 });
    expect(hiddenMatches(all, query({ text: 'amazon', kind: 'codes', tag: 'work' }))).toEqual({
      withoutCode: 0,
      outsideTag: 1,
    });
    // Nothing typed: nothing to tell.
    expect(hiddenMatches(all, query({ kind: 'codes' }))).toEqual({ withoutCode: 0, outsideTag: 0 });
  });
});

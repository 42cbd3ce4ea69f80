import { describe, expect, it } from 'vitest';
import type { RecordView } from '@tessera/core/vault/record';
import type { Otp } from '@tessera/core/otp/types';
import { allTags, displayName, fold, hostOf, listRecords, matches, type ListQuery } from '../src/lib/record-list.ts';

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

const github = record({ otp: otp('GitHub', 'ada@example.com'), tags: ['work'], createdAt: 10 });
const zoe = record({ title: 'Zoë’s bank', otp: otp('Bank', 'zoe'), favourite: true, createdAt: 5 });
const login = record({ title: 'Library', username: 'ada', url: 'https://www.library.example/login', createdAt: 20 });
const gone = record({ otp: otp('Old', 'x'), deleted: true });
const all = [github, zoe, login, gone];
const query = (patch: Partial<ListQuery>): ListQuery => ({
  text: '',
  tag: null,
  kind: 'codes',
  sort: 'name',
  ...patch,
});

describe('record list', () => {
  it('names a record by title, else issuer, else site', () => {
    expect(displayName(github)).toBe('GitHub');
    expect(displayName(zoe)).toBe('Zoë’s bank');
    expect(displayName(record({ url: 'www.example.org/x' }))).toBe('example.org');
    expect(displayName(record({}))).toBe('Untitled');
    expect(hostOf('not a url at all')).toBe('not a url at all');
  });
  it('searches every term across issuer, account, title, tags, ignoring case and accents', () => {
    expect(fold('Zoë')).toBe('zoe');
    expect(matches(zoe, 'zoe bank')).toBe(true);
    expect(matches(github, 'WORK git')).toBe(true);
    expect(matches(github, 'work bank')).toBe(false);
    expect(matches(login, 'library.example')).toBe(true);
  });
  it('hides deleted records and, in "codes", records without an OTP', () => {
    expect(listRecords(all, query({}), new Map()).map((r) => r.id)).toEqual([zoe.id, github.id]);
    expect(listRecords(all, query({ kind: 'all' }), new Map()).map((r) => r.id)).toEqual([zoe.id, github.id, login.id]);
  });
  it('pins favourites, then sorts by the chosen order', () => {
    expect(listRecords(all, query({ kind: 'all', sort: 'added' }), new Map()).map((r) => r.id)).toEqual([
      zoe.id,
      login.id,
      github.id,
    ]);
    const used = new Map([
      [login.id, 200],
      [github.id, 100],
    ]);
    expect(listRecords(all, query({ kind: 'all', sort: 'recent' }), used).map((r) => r.id)).toEqual([
      zoe.id,
      login.id,
      github.id,
    ]);
  });
  it('filters by tag and lists the tags in use', () => {
    expect(listRecords(all, query({ tag: 'work' }), new Map()).map((r) => r.id)).toEqual([github.id]);
    expect(allTags(all)).toEqual(['work']);
  });
  it('treats tags that differ only in case as one tag', () => {
    const a = record({ otp: otp('A', 'a'), tags: ['Work'] });
    const b = record({ otp: otp('B', 'b'), tags: ['work'] });
    const c = record({ otp: otp('C', 'c'), tags: [' work ', 'Home'] });
    expect(allTags([a, b, c])).toEqual(['Home', 'work']);
    expect(listRecords([a, b, c], query({ tag: 'WORK' }), new Map()).map((r) => r.id)).toEqual([a.id, b.id, c.id]);
  });
});

import { isTesseraError } from '../errors.ts';
import { base32Decode } from '../otp/base32.ts';
import type { Otp } from '../otp/types.ts';
import { parseOtpUri } from '../otp/uri.ts';
import { cleanTags, describeEntry, EntryList, makeOtp } from './entry.ts';
import { openPasswordExport, readPasswordExport } from './bitwarden-crypto.ts';
import { bitwardenCsvAsJson, isBitwardenCsv } from './bitwarden-csv.ts';
import { TransferError } from './errors.ts';
import {
  describeValue,
  flag,
  isObject,
  type JsonObject,
  member,
  parseJson,
  readText,
  requirePassword,
  text,
} from './input.ts';
import type { ImportedLogin, ImportInput, ImportOptions, ImportResult } from './types.ts';

// Bitwarden's JSON export (bitwarden/clients, libs/tools/export: bitwarden-json-export-types):
// { encrypted: false, folders: [{ id, name }], items: [...] }, an organisation export adding
// collections. Logins (type 1) become Tessera records with their TOTP; secure notes (type 2)
// become records holding the note; cards, identities and SSH keys have no place in Tessera.
// Password-protected exports are decrypted by bitwarden-crypto.ts; account-restricted ones
// ({ encrypted: true } without passwordProtected) are sealed with the account's own key, which
// only Bitwarden itself can open.

const FORMAT = 'bitwarden';
const LOGIN = 1;
const SECURE_NOTE = 2;
const ITEM_TYPES: Record<number, string> = { 3: 'card', 4: 'identity', 5: 'SSH key' };
// Custom field types (FieldType): 3 is "linked", a pointer to another field with no value of its own.
const LINKED_FIELD = 3;

export async function importBitwarden(input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const content = readText(input, FORMAT);
  if (isBitwardenCsv(content)) return readItems(bitwardenCsvAsJson(content));
  const file = parseJson(content, FORMAT);
  if (!isObject(file) || (!Array.isArray(member(file, 'items')) && typeof member(file, 'data') !== 'string')) {
    throw new TransferError('not-bitwarden', 'The file is not a Bitwarden JSON export (no items)', FORMAT);
  }
  if (member(file, 'encrypted') !== true) {
    if (!Array.isArray(member(file, 'items')))
      throw new TransferError('malformed', 'The export has encrypted data but does not say it is encrypted', FORMAT);
    return readItems(file);
  }
  if (member(file, 'passwordProtected') !== true) {
    throw new TransferError(
      'account-restricted',
      'This Bitwarden export is encrypted with your Bitwarden account key and only Bitwarden can open it: export again choosing "Password protected" (or an unencrypted JSON file)',
      FORMAT,
    );
  }
  const sealed = readPasswordExport(file);
  const password = requirePassword(opts.password, FORMAT, 'This Bitwarden export');
  const inner = parseJson(await openPasswordExport(sealed, password), FORMAT);
  if (!isObject(inner) || !Array.isArray(member(inner, 'items'))) {
    throw new TransferError('malformed', 'The decrypted export is not a Bitwarden JSON export', FORMAT);
  }
  return readItems(inner);
}

// `file.items` is an array: both callers check it.
function readItems(file: JsonObject): ImportResult {
  const items = member(file, 'items') as unknown[];
  const folders = names(member(file, 'folders'));
  const collections = names(member(file, 'collections'));
  const list = new EntryList(FORMAT, items.length);
  items.forEach((item, index) => {
    if (!isObject(item)) {
      list.fail(index, '', 'malformed-entry', 'The item is not an object');
      return;
    }
    const type = member(item, 'type');
    const name = text(item, 'name');
    const loginValue = member(item, 'login');
    const login = isObject(loginValue) ? loginValue : {};
    const label = describeEntry(name, text(login, 'username'));
    if (type !== LOGIN && type !== SECURE_NOTE) {
      const kind = typeof type === 'number' ? ITEM_TYPES[type] : undefined;
      list.fail(
        index,
        label,
        'unsupported-item',
        kind === undefined
          ? `Bitwarden item type ${describeValue(type)} is not known`
          : `Tessera keeps logins and notes, not a ${kind}`,
      );
      return;
    }
    const tags = [folders.get(text(item, 'folderId'))];
    const collectionIds = member(item, 'collectionIds');
    if (Array.isArray(collectionIds))
      for (const id of collectionIds) tags.push(typeof id === 'string' ? collections.get(id) : undefined);
    const uris = type === LOGIN ? loginUris(login) : [];
    const record: ImportedLogin = {
      title: name,
      url: uris[0] ?? '',
      username: type === LOGIN ? text(login, 'username') : '',
      password: type === LOGIN ? text(login, 'password') : '',
      notes: notesWithExtras(text(item, 'notes'), uris.slice(1), member(item, 'fields')),
      tags: cleanTags(tags),
      favourite: flag(item, 'favorite'),
    };
    let otp: Otp | null = null;
    let otpFailure: { code: string; message: string } | null = null;
    const totp = type === LOGIN ? text(login, 'totp').trim() : '';
    if (totp !== '') {
      try {
        otp = bitwardenTotp(totp, name, record.username);
      } catch (e) {
        if (!isTesseraError(e)) throw e;
        otpFailure = e;
      }
    }
    if (!list.add(index, label, () => ({ otp, login: record }))) return;
    if (otpFailure !== null) {
      list.partial(
        index,
        label,
        otpFailure.code,
        `Imported without its one-time password, which could not be read: ${otpFailure.message}`,
      );
    }
    const passkeys = member(login, 'fido2Credentials');
    if (Array.isArray(passkeys) && passkeys.length > 0) {
      list.partial(
        index,
        label,
        'passkey-not-imported',
        'Imported without its passkey: Tessera does not keep passkeys',
      );
    }
  });
  return list.result();
}

/**
 * Bitwarden's login.totp holds an otpauth:// URI, a steam:// URI or a bare base32 secret (TOTP,
 * SHA1, 6 digits, 30 s). Bitwarden labels a code with the item's name and username, so those fill
 * an issuer or account the value itself does not give.
 */
export function bitwardenTotp(value: string, name: string, username: string): Otp {
  if (/^(?:otpauth|steam):\/\//i.test(value)) {
    const otp = parseOtpUri(value);
    return { ...otp, issuer: otp.issuer || name.trim(), account: otp.account || username.trim() };
  }
  return makeOtp({ type: 'totp', secret: base32Decode(value), issuer: name, account: username });
}

function loginUris(login: JsonObject): string[] {
  const uris = member(login, 'uris');
  if (!Array.isArray(uris)) return [];
  return uris.flatMap((uri) => (isObject(uri) && text(uri, 'uri').trim() !== '' ? [text(uri, 'uri').trim()] : []));
}

// Tessera has one URL per record and no custom fields: the other URLs and the fields are kept as
// lines at the end of the notes rather than dropped.
function notesWithExtras(notes: string, moreUris: readonly string[], fields: unknown): string {
  const lines = moreUris.map((uri) => `URL: ${uri}`);
  if (Array.isArray(fields)) {
    for (const field of fields) {
      if (!isObject(field) || member(field, 'type') === LINKED_FIELD) continue;
      const value = member(field, 'value');
      lines.push(
        `${text(field, 'name')}: ${typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''}`,
      );
    }
  }
  if (lines.length === 0) return notes;
  return notes.trim() === '' ? lines.join('\n') : `${notes}\n\n${lines.join('\n')}`;
}

function names(list: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(list)) for (const item of list) if (isObject(item)) out.set(text(item, 'id'), text(item, 'name'));
  return out;
}

import { TransferError } from './errors.ts';
import { parseCsv } from './csv.ts';
import type { JsonObject } from './input.ts';

/**
 * @module
 * Bitwarden's CSV export (bitwarden/clients `libs/tools/export/vault-export/vault-export-core`,
 * `BitwardenCsvIndividualExportType`, `BitwardenCsvOrgExportType`): a header line
 * `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp`
 * (organisation exports have `collections` instead of `folder`; newer clients add columns such as
 * `archivedDate`), then one record per item: `type` is `login` or `note`, `favorite` is `1` or
 * empty, `fields` holds the custom fields as `name: value` lines, `login_uri` the URIs joined
 * with commas, `collections` the collection names joined with commas. Columns are found by their
 * header name, so order and extra columns do not matter.
 *
 * The rows become the items of a Bitwarden JSON export, which `bitwarden.ts` reads, so both
 * files give the same records.
 */

const FORMAT = 'bitwarden';
const REQUIRED = ['type', 'name', 'login_uri', 'login_username', 'login_password', 'login_totp'] as const;
const TYPES: Readonly<Record<string, number>> = { login: 1, note: 2 };

/** Whether the text opens with a Bitwarden CSV header line. */
export function isBitwardenCsv(text: string): boolean {
  const header = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  const columns = header.split(',').map((c) => c.trim());
  return REQUIRED.every((c) => columns.includes(c));
}

/** The CSV as the `{ folders, collections, items }` of a Bitwarden JSON export. */
export function bitwardenCsvAsJson(text: string): JsonObject {
  const rows = parseCsv(text);
  if (rows === null || rows.length === 0)
    throw new TransferError('malformed', 'The CSV file is damaged: a quoted field is not closed', FORMAT);
  const [header, ...records] = rows as [string[], ...string[][]];
  const at = new Map(header.map((name, i) => [name.trim(), i]));
  for (const name of REQUIRED)
    if (!at.has(name))
      throw new TransferError(
        'not-bitwarden',
        `The CSV file has no ${name} column: it is not a Bitwarden export`,
        FORMAT,
      );
  const cell = (row: readonly string[], name: string): string => {
    const i = at.get(name);
    return i === undefined ? '' : (row[i] ?? '');
  };
  const folders = new Set<string>();
  const collections = new Set<string>();
  const items = records.map((row) => {
    const folder = cell(row, 'folder').trim();
    if (folder !== '') folders.add(folder);
    const collectionNames = splitList(cell(row, 'collections'));
    for (const name of collectionNames) collections.add(name);
    const typeName = cell(row, 'type').trim().toLowerCase();
    return {
      type: Object.hasOwn(TYPES, typeName) ? TYPES[typeName] : typeName,
      name: cell(row, 'name'),
      notes: cell(row, 'notes'),
      favorite: cell(row, 'favorite').trim() === '1',
      folderId: folder,
      collectionIds: collectionNames,
      fields: fieldLines(cell(row, 'fields')),
      login: {
        uris: splitList(cell(row, 'login_uri')).map((uri) => ({ uri })),
        username: cell(row, 'login_username'),
        password: cell(row, 'login_password'),
        totp: cell(row, 'login_totp'),
      },
    };
  });
  return {
    encrypted: false,
    folders: [...folders].map((name) => ({ id: name, name })),
    collections: [...collections].map((name) => ({ id: name, name })),
    items,
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

// Bitwarden writes each custom field as "name: value" on its own line.
function fieldLines(value: string): { name: string; value: string; type: number }[] {
  return value
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const colon = line.indexOf(': ');
      return colon < 0
        ? { name: line, value: '', type: 0 }
        : { name: line.slice(0, colon), value: line.slice(colon + 2), type: 0 };
    });
}

import { recordView } from '../vault/edit.ts';
import type { RecordView, VaultRecord } from '../vault/record.ts';

/** What the exporters take: the vault's records as stored, or as the app already shows them. */
export type ExportRecord = VaultRecord | RecordView;

/** The records to export, as views, without those in "recently deleted". */
export function exportViews(records: readonly ExportRecord[]): RecordView[] {
  const views: RecordView[] = [];
  for (const record of records) {
    const view = isVaultRecord(record) ? recordView(record) : record;
    if (!view.deleted) views.push(view);
  }
  return views;
}

function isVaultRecord(record: ExportRecord): record is VaultRecord {
  return typeof record.title === 'object';
}

import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../src/lib/route.ts';
import { transferPage, transferPath, type TransferPage } from '../../src/screens/transfer/pages.ts';

describe('transfer pages', () => {
  const pages: TransferPage[] = [
    { page: 'overview' },
    { page: 'import' },
    { page: 'export', kind: 'backup' },
    { page: 'export', kind: 'aegis' },
    { page: 'export', kind: 'otpauth' },
    { page: 'export', kind: 'google' },
    { page: 'qr', id: 'EBESExQVFhcYGRobHB0eHw' },
  ];

  it('go through the hash route and back', () => {
    for (const page of pages) {
      const hash = formatRoute({ name: 'transfer', path: transferPath(page) });
      const route = parseRoute(hash);
      expect(route.name).toBe('transfer');
      expect(route.name === 'transfer' && transferPage(route.path)).toEqual(page);
    }
    expect(formatRoute({ name: 'transfer', path: ['qr', 'a_b-9'] })).toBe('#/transfer/qr/a_b-9');
  });

  it('show the overview for anything else', () => {
    for (const path of [
      [],
      ['export'],
      ['export', 'csv'],
      ['import', 'x'],
      ['qr'],
      ['qr', 'not an id'],
      ['qr', 'a'.repeat(65)],
      ['qr', 'ok', 'extra'],
      ['constructor'],
    ]) {
      expect(transferPage(path)).toEqual({ page: 'overview' });
    }
  });
});

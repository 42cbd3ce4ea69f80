// The pages under #/transfer (docs/web-transfer.md, "Routes"). The shell's router hands over the
// path after "transfer" already split and decoded; anything unknown shows the overview.
export type ExportKind = 'backup' | 'aegis' | 'otpauth' | 'google';

export type TransferPage =
  | { page: 'overview' }
  | { page: 'import' }
  | { page: 'export'; kind: ExportKind }
  | { page: 'qr'; id: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const EXPORTS: readonly string[] = ['backup', 'aegis', 'otpauth', 'google'] satisfies ExportKind[];

export function transferPage(path: readonly string[]): TransferPage {
  const [head, next, ...rest] = path;
  if (rest.length > 0) return { page: 'overview' };
  if (head === 'import' && next === undefined) return { page: 'import' };
  if (head === 'export' && next !== undefined && EXPORTS.includes(next))
    return { page: 'export', kind: next as ExportKind };
  if (head === 'qr' && next !== undefined && ID.test(next)) return { page: 'qr', id: next };
  return { page: 'overview' };
}

/** The inverse of transferPage: the path after "#/transfer/". */
export function transferPath(page: TransferPage): string[] {
  switch (page.page) {
    case 'overview':
      return [];
    case 'import':
      return ['import'];
    case 'export':
      return ['export', page.kind];
    case 'qr':
      return ['qr', page.id];
  }
}

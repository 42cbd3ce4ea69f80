// Every error Tessera throws on purpose is a TesseraError with a stable `code`, so callers
// (UI, worker, CLI) can branch on the kind of failure without parsing messages.
export class TesseraError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'TesseraError';
    this.code = code;
  }
}

export function isTesseraError(e: unknown, code?: string): e is TesseraError {
  return e instanceof TesseraError && (code === undefined || e.code === code);
}

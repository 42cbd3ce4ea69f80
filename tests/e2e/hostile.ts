import type { BrowserContext, Request } from '@playwright/test';

// A hostile server for the e2e tests (hostile-server.spec.ts): Playwright routes every API
// request of one device (a browser context) to the real worker under wrangler dev, then lets
// the test rewrite the real answer before the page sees it. It keeps every envelope it saw per
// item (in pushes and pulls), so it can serve an older one (a rollback) or another item's (a
// swap), and it can make up tombstones, garbage envelopes and garbage bodies, drop items, and
// change what prelogin and sign-in answer. It lives only in the tests; the worker has no such
// mode.

type Json = Record<string, unknown>;
interface ServerItem {
  id: string;
  seq: number;
  envelope?: string;
  deleted?: true;
}

/** A change to one answer: given the request and the real answer's JSON, the JSON to serve. */
export type Rewrite = (answer: Json, request: Request) => Json | string;

interface Armed {
  path: RegExp;
  method: string;
  rewrite: Rewrite;
  /** Applied to every matching answer until disarmed, not only the next one. */
  always: boolean;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export class HostileServer {
  /** Every envelope seen per item id, oldest first (base64url, as on the wire). */
  readonly envelopes = new Map<string, string[]>();
  private armed: Armed[] = [];

  private constructor() {}

  /** Starts routing the context's API requests; service workers are off in such contexts. */
  static async on(context: BrowserContext): Promise<HostileServer> {
    const server = new HostileServer();
    await context.route('**/api/v1/**', async (route) => {
      const request = route.request();
      if (request.method() === 'POST' && /\/vault\/changes$/.test(new URL(request.url()).pathname)) {
        const body = request.postDataJSON() as { changes?: { id: string; envelope?: string }[] };
        for (const change of body.changes ?? []) if (change.envelope) server.saw(change.id, change.envelope);
      }
      // The page may give up on a request (its own timeout, a reload) while the real worker
      // answers: then there is nothing left to rewrite or to deliver.
      const response = await route.fetch().catch(() => null);
      if (!response) return route.abort().catch(() => undefined);
      const path = new URL(request.url()).pathname;
      const type = response.headers()['content-type'] ?? '';
      if (!type.includes('application/json') || response.status() >= 400) return route.fulfill({ response });
      let answer: Json;
      try {
        answer = (await response.json()) as Json;
      } catch {
        return route.abort().catch(() => undefined);
      }
      server.record(answer);
      const matching = server.armed.filter((a) => a.method === request.method() && a.path.test(path));
      if (matching.length === 0) return route.fulfill({ response });
      // A rewritten body has its own length: the real answer's framing headers do not apply.
      const headers = Object.fromEntries(
        Object.entries(response.headers()).filter(
          ([name]) => !['content-length', 'transfer-encoding', 'content-encoding'].includes(name),
        ),
      );
      for (const one of matching) {
        if (!one.always) server.armed = server.armed.filter((a) => a !== one);
        const next = one.rewrite(answer, request);
        if (typeof next === 'string') return route.fulfill({ status: response.status(), headers, body: next });
        answer = next;
      }
      return route.fulfill({ status: response.status(), headers, body: JSON.stringify(answer) });
    });
    return server;
  }

  /** Rewrites the next answer (or every answer, `always`) to `method path`. */
  arm(method: string, path: RegExp, rewrite: Rewrite, always = false): void {
    this.armed.push({ method, path, rewrite, always });
  }

  /** Rewrites armed and not yet served. */
  get armedCount(): number {
    return this.armed.length;
  }

  disarmAll(): void {
    this.armed = [];
  }

  /** The next pull page also carries `items` (made up), at the page's cursor. */
  injectIntoNextPull(items: (seq: number) => ServerItem[]): void {
    this.arm('GET', /\/vault\/changes$/, (answer) => {
      const page = answer as { changes: ServerItem[]; nextCursor: string };
      const seq = Number(page.nextCursor);
      return { ...answer, changes: [...page.changes, ...items(seq)] };
    });
  }

  /** Serves the first envelope it saw for `id` again: an old copy of the item. */
  rollback(id: string): void {
    const oldest = this.history(id)[0]!;
    this.injectIntoNextPull((seq) => [{ id, seq, envelope: oldest }]);
  }

  /** Serves each item's latest envelope under the other item's id. */
  swap(a: string, b: string): void {
    const ofA = this.history(a).at(-1)!;
    const ofB = this.history(b).at(-1)!;
    this.injectIntoNextPull((seq) => [
      { id: a, seq, envelope: ofB },
      { id: b, seq, envelope: ofA },
    ]);
  }

  /** A tombstone for `id`: the server says it was removed for good. */
  tombstone(id: string): void {
    this.injectIntoNextPull((seq) => [{ id, seq, deleted: true }]);
  }

  /** Random bytes behind a valid version byte, for `id`: passes the schema, fails to open. */
  garbageEnvelope(id: string): void {
    const bytes = new Uint8Array(300);
    crypto.getRandomValues(bytes);
    bytes[0] = 1;
    this.injectIntoNextPull((seq) => [{ id, seq, envelope: b64(bytes) }]);
  }

  /** Every pull answer leaves `id` out, without a tombstone. */
  drop(id: string): void {
    this.arm(
      'GET',
      /\/vault\/changes$/,
      (answer) => {
        const page = answer as { changes: ServerItem[] };
        return { ...answer, changes: page.changes.filter((c) => c.id !== id) };
      },
      true,
    );
  }

  /** The next answer to `method path` is not JSON at all. */
  garbageBody(method: string, path: RegExp): void {
    this.arm(method, path, () => '<html>502 Bad Gateway</html>{"changes":');
  }

  private history(id: string): string[] {
    const seen = this.envelopes.get(id);
    if (!seen || seen.length === 0) throw new Error(`the hostile server has seen no envelope of ${id}`);
    return seen;
  }

  private saw(id: string, envelope: string): void {
    const list = this.envelopes.get(id) ?? [];
    if (list.at(-1) !== envelope) list.push(envelope);
    this.envelopes.set(id, list);
  }

  private record(answer: Json): void {
    const items: ServerItem[] = [];
    if (Array.isArray(answer.changes)) items.push(...(answer.changes as ServerItem[]).filter((c) => 'seq' in c));
    if (Array.isArray(answer.conflicts))
      for (const c of answer.conflicts as { current: ServerItem | null }[]) if (c.current) items.push(c.current);
    for (const item of items) if (item.envelope) this.saw(item.id, item.envelope);
  }
}

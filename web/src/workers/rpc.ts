/**
 * @module
 * The one request/answer protocol between the page and every Web Worker (crypto, transfer, QR).
 * A worker serves a table of handlers; the page calls them by name through a client that starts
 * the worker on the first call, matches answers to calls by id, passes progress reports on, and
 * when the worker dies (out of memory, an update removed its file) rejects every pending call so
 * nothing waits for ever; the next call starts a fresh worker. It has no logic of its own beyond
 * that: what a call does lives in the worker, what an error means in the caller.
 *
 * Written here rather than taken from comlink: comlink neither rejects pending calls when the
 * worker crashes nor carries an error's code, and both are what callers branch on (docs/dependencies.md).
 */

/** The calls a worker answers: each with its argument, its result and (optionally) its progress report. */
export type Spec = Record<string, { args: unknown; result: unknown; progress?: unknown }>;

/** An error as it crosses the boundary: a TesseraError's code and message, plus what the area adds. */
export interface WireError {
  code: string;
  message: string;
  /** Whatever else the area's error carries (a transfer error's format); structured-clonable. */
  detail?: unknown;
}

type Request = { id: number; method: string; args: unknown };
type Reply =
  | { id: number; kind: 'progress'; value: unknown }
  | { id: number; kind: 'done'; value: unknown }
  | { id: number; kind: 'error'; error: WireError };

/** What serve() needs of a worker's global scope (or, in tests, of a MessagePort). */
export interface ServePort {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

/** What a handler may do besides returning: report progress, and name buffers to move, not copy. */
export interface CallContext<Progress> {
  progress(value: Progress): void;
  /** Buffers of the result to transfer with the answer (they become unusable in the worker). */
  transfer(...buffers: Transferable[]): void;
}

export type Handlers<S extends Spec> = {
  [K in keyof S]: (args: S[K]['args'], call: CallContext<S[K]['progress']>) => S[K]['result'] | Promise<S[K]['result']>;
};

/** Answers every request that arrives on `port` with `handlers`; a thrown error becomes `toWire(error)`. */
export function serve<S extends Spec>(
  port: ServePort,
  handlers: Handlers<S>,
  toWire: (error: unknown) => WireError,
): void {
  port.onmessage = async (event: MessageEvent) => {
    const { id, method, args } = event.data as Request;
    const transfer: Transferable[] = [];
    const context: CallContext<unknown> = {
      progress: (value) => port.postMessage({ id, kind: 'progress', value } satisfies Reply, []),
      transfer: (...buffers) => transfer.push(...buffers),
    };
    try {
      const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
      if (!handler) throw new Error(`no call named ${method}`);
      const value = await handler(args as never, context as CallContext<never>);
      port.postMessage({ id, kind: 'done', value } satisfies Reply, transfer);
    } catch (error) {
      port.postMessage({ id, kind: 'error', error: toWire(error) } satisfies Reply, []);
    }
  };
}

/** What a client needs of a Worker (a MessagePort with onerror and terminate in tests). */
export interface WorkerPort {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface CallOptions<Progress> {
  /** Buffers of the argument to move to the worker instead of copying them. */
  transfer?: Transferable[];
  onProgress?: (value: Progress) => void;
}

export interface RpcClient<S extends Spec> {
  call<K extends keyof S & string>(
    method: K,
    args: S[K]['args'],
    options?: CallOptions<S[K]['progress']>,
  ): Promise<S[K]['result']>;
  /** Ends the worker now; every pending call rejects with `reason`. The next call starts a new one. */
  close(reason: Error): void;
  /** Whether a worker is running now (started and neither crashed nor closed since). */
  running(): boolean;
}

export interface ClientOptions {
  /** The error a caller sees for a WireError (the area's own error class). */
  fromWire(error: WireError): Error;
  /** The error every pending call rejects with when the worker dies; `detail` is the browser's words, if any. */
  crashed(detail: string | undefined): Error;
}

type Pending = {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress: ((value: never) => void) | undefined;
};

/** A client of the worker that `start` creates; nothing starts until the first call. */
export function createRpcClient<S extends Spec>(start: () => WorkerPort, options: ClientOptions): RpcClient<S> {
  let worker: WorkerPort | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const stop = (reason: Error) => {
    const ended = worker;
    worker = undefined;
    if (ended) {
      ended.onmessage = null;
      ended.onerror = null;
      ended.terminate();
    }
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(reason);
  };

  const launch = (): WorkerPort => {
    const created = start();
    created.onmessage = (event: MessageEvent) => {
      const reply = event.data as Reply;
      const call = pending.get(reply.id);
      if (!call) return;
      if (reply.kind === 'progress') {
        call.onProgress?.(reply.value as never);
        return;
      }
      pending.delete(reply.id);
      if (reply.kind === 'done') call.resolve(reply.value);
      else call.reject(options.fromWire(reply.error));
    };
    created.onerror = (event) => {
      // Handled here: the page's console and error handlers need not see it a second time.
      event.preventDefault();
      stop(options.crashed(event.message || undefined));
    };
    return created;
  };

  return {
    call(method, args, callOptions = {}) {
      worker ??= launch();
      const target = worker;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, {
          resolve: resolve as (value: unknown) => void,
          reject,
          onProgress: callOptions.onProgress as ((value: never) => void) | undefined,
        });
        target.postMessage({ id, method, args } satisfies Request, callOptions.transfer ?? []);
      });
    },
    close: stop,
    running: () => worker !== undefined,
  };
}

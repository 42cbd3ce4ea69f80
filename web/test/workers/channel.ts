import { serve, type Handlers, type Spec, type WireError, type WorkerPort } from '../../src/workers/rpc.ts';

/**
 * A worker for tests: the handlers served on one end of a real MessageChannel (Node has the
 * browser's, with structured clone and transfer), the client's WorkerPort on the other. crash()
 * fires the error event a browser fires when a worker dies.
 */
export class ChannelWorker implements WorkerPort {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly #channel = new MessageChannel();

  constructor(handlers: Handlers<Spec>, toWire: (error: unknown) => WireError) {
    serve(this.#channel.port2, handlers, toWire);
    this.#channel.port1.onmessage = (event) => this.onmessage?.(event);
  }

  postMessage(message: unknown, transfer: Transferable[]): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.#channel.port1.postMessage(message, transfer);
  }

  terminate(): void {
    this.terminated = true;
    this.#channel.port1.close();
    this.#channel.port2.close();
  }

  crash(message: string): { defaultPrevented: boolean } {
    const event = Object.assign(new Event('error', { cancelable: true }), { message }) as ErrorEvent;
    this.onerror?.(event);
    return { defaultPrevented: event.defaultPrevented };
  }
}

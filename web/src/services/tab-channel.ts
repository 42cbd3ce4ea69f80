/**
 * @module
 * Tabs of the same vault tell each other which rows they wrote, so a second tab never edits (and
 * re-seals) a stale copy of a record. The channel is passed in (BroadcastChannel in the browser,
 * none where it does not exist), so the store runs anywhere.
 */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

export type OpenChannel = (name: string) => ChannelLike | null;

export const browserChannel: OpenChannel = (name) =>
  typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;

export interface TabChannel {
  /** Tells the other tabs these rows changed. */
  post(ids: readonly string[]): void;
  close(): void;
}

/** Joins the vault's channel; `onRows` hears the ids other tabs wrote (anything else is ignored). */
export function openTabChannel(
  vaultId: string,
  onRows: (ids: string[]) => void,
  openChannel: OpenChannel = browserChannel,
): TabChannel {
  const channel = openChannel(`tessera-records-${vaultId}`);
  if (channel) {
    channel.onmessage = (event) => {
      const data: unknown = event.data;
      if (Array.isArray(data) && data.every((id) => typeof id === 'string')) onRows(data);
    };
  }
  return {
    post: (ids) => channel?.postMessage([...ids]),
    close: () => channel?.close(),
  };
}

import { connect, createServer, type Server, type Socket } from 'node:net';

// The engine's way to the app, with a switch to cut it. WebDriver has no "offline" command for
// WebKit or Firefox, so the network is taken away where the browser meets it: this relay passes
// TCP through to wrangler dev and, when offline, drops every open connection and refuses new
// ones, which the browser sees exactly as a lost network.

export interface Relay {
  port: number;
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

export async function startRelay(port: number, upstreamPort: number): Promise<Relay> {
  let offline = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (offline) return client.destroy();
    const upstream = connect(upstreamPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    port,
    setOffline(value) {
      offline = value;
      if (value) for (const socket of open) socket.destroy();
    },
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

// One wrangler dev per suite (fresh state, the built app and the API on one origin), and for
// WebKit an X display and WebKitWebDriver. Ports come from the environment so several suites
// can run side by side: ENGINE_PORT is the origin the browser sees (a relay in front of
// wrangler, see proxy.ts), WEBKIT_DRIVER_PORT and XVFB_DISPLAY for WebKit.

declare module 'vitest' {
  export interface ProvidedContext {
    upstreamPort: number;
    driverUrl: string;
  }
}

const children: ChildProcess[] = [];
let state = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  child: ChildProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with code ${child.exitCode}: ${tails.get(child)?.() ?? ''}`);
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const tails = new Map<ChildProcess, () => string>();

function start(command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  // Its own process group, so stopping it stops what it started (wrangler starts workerd).
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000)));
  tails.set(child, () => tail);
  child.on(
    'exit',
    (code) => code && code !== 0 && !stopping && process.stderr.write(`${command} exited ${code}: ${tail}\n`),
  );
  children.push(child);
  return child;
}
let stopping = false;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = process.env.ENGINE;
  state = mkdtempSync(join(tmpdir(), `tessera-${engine}-`));
  // A port found free may be taken by someone else before wrangler binds it (the machine is
  // shared): one more try on another port, with the first failure's words kept.
  let upstreamPort = 0;
  for (let attempt = 1; ; attempt++) {
    upstreamPort = await freePort();
    const wrangler = start(
      'pnpm',
      [
        'exec',
        'wrangler',
        'dev',
        '--config',
        '../wrangler.toml',
        '--local',
        '--ip',
        '127.0.0.1',
        '--port',
        String(upstreamPort),
        '--persist-to',
        state,
        '--show-interactive-dev-session=false',
        '--var',
        'DEV_MODE:true',
        ...(process.env.E2E_ASSETS ? ['--assets', process.env.E2E_ASSETS] : []),
      ],
      {
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        WRANGLER_HIDE_BANNER: 'true',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      },
    );
    try {
      await waitFor(
        'wrangler dev',
        async () => (await fetch(`http://127.0.0.1:${upstreamPort}/api/v1/health`)).ok,
        wrangler,
      );
      break;
    } catch (error) {
      if (attempt >= 2 || wrangler.exitCode === null) throw error;
      process.stderr.write(`${(error as Error).message}\ntrying wrangler dev once more\n`);
    }
  }
  project.provide('upstreamPort', upstreamPort);

  let driverUrl = '';
  if (engine === 'webkit') {
    const display = process.env.XVFB_DISPLAY ?? ':78';
    const xvfb = start('Xvfb', [display, '-screen', '0', '1280x900x24', '-nolisten', 'tcp']);
    const driverPort = process.env.WEBKIT_DRIVER_PORT ?? '4448';
    driverUrl = `http://127.0.0.1:${driverPort}`;
    const driver = start('WebKitWebDriver', [`--port=${driverPort}`, '--host=127.0.0.1'], { DISPLAY: display });
    await waitFor('WebKitWebDriver', async () => (await fetch(`${driverUrl}/status`)).ok, driver);
    if (xvfb.exitCode !== null) throw new Error(`Xvfb ${display} did not start`);
  }
  project.provide('driverUrl', driverUrl);

  return async () => {
    stopping = true;
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.pid === undefined) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
    rmSync(state, { recursive: true, force: true });
  };
}

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';

// Runs the real worker under `wrangler dev` (workerd) on a loopback port with fresh state, as
// `npm start` does but isolated, and stops its whole process group afterwards.
//
// The worker is first bundled once (`wrangler deploy --dry-run`, nothing is uploaded) and served
// from that bundle and a copy of the assets: wrangler dev would otherwise restart the worker
// mid-run whenever a source file or the built app changes, and the figures are then those of the
// bundle a deployment ships.

const ROOT = resolve(import.meta.dirname, '../..');

const QUIET_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

export interface DevServer {
  origin: string;
  bundleBytes: number;
  /** Kills the worker outright (as a crash would) and starts it again on the same state and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function bundle(state: string): { config: string; bundleBytes: number } {
  // A copy of the built app, so a rebuild of web/dist during the run does not restart the worker;
  // an empty directory when the app is not built (wrangler refuses a missing one, even to bundle).
  const assets = join(state, 'assets');
  if (existsSync(join(ROOT, 'web/dist'))) cpSync(join(ROOT, 'web/dist'), assets, { recursive: true });
  else mkdirSync(assets, { recursive: true });
  const source = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8').replace(
    /^directory = ".*"$/m,
    `directory = "${assets}"`,
  );
  const toBundle = join(state, 'wrangler.bundle.toml');
  writeFileSync(
    toBundle,
    source.replace(/^main = "(.*)"$/m, (_, main: string) => `main = "${join(ROOT, main)}"`),
  );
  const out = join(state, 'bundle');
  const built = spawnSync('pnpm', ['exec', 'wrangler', 'deploy', '--dry-run', '--outdir', out, '--config', toBundle], {
    cwd: ROOT,
    env: QUIET_ENV,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`bundling the worker failed:\n${built.stderr}${built.stdout}`);
  const config = join(state, 'wrangler.toml');
  writeFileSync(config, source.replace(/^main = ".*"$/m, `main = "${join(out, 'index.js')}"\nno_bundle = true`));
  return { config, bundleBytes: statSync(join(out, 'index.js')).size };
}

export async function startDevServer(port: number, timeoutMs = 60_000): Promise<DevServer> {
  const state = mkdtempSync(join(tmpdir(), 'tessera-load-'));
  const { config, bundleBytes } = bundle(state);
  const origin = `http://127.0.0.1:${port}`;
  let running = await launch(config, join(state, 'state'), port, timeoutMs);
  // The state directory is removed only once wrangler has exited: it writes there while stopping.
  let stopping: Promise<void> | null = null;
  return {
    origin,
    bundleBytes,
    async restart() {
      // A crash, not a shutdown: SIGKILL gives the worker no chance to finish what it was doing,
      // which is the fault the load run must survive. The state on disk is kept.
      await running.kill('SIGKILL');
      running = await launch(config, join(state, 'state'), port, timeoutMs);
    },
    stop() {
      stopping ??= (async () => {
        await running.kill('SIGTERM');
        rmSync(state, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

interface Running {
  kill(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/** Starts wrangler dev on `port` with the state in `persist`, and waits until it answers. */
async function launch(config: string, persist: string, port: number, timeoutMs: number): Promise<Running> {
  const args = ['exec', 'wrangler', 'dev', '--config', config, '--local', '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--persist-to', persist, '--show-interactive-dev-session=false', '--var', 'DEV_MODE:true');
  const child: ChildProcess = spawn('pnpm', args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: QUIET_ENV,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // The group is already gone.
    }
  };
  let killing: Promise<void> | null = null;
  const kill = (first: 'SIGTERM' | 'SIGKILL') => {
    killing ??= (async () => {
      signal(first);
      const gone = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
      ]);
      if (!gone) {
        signal('SIGKILL');
        await exited;
      }
      // wrangler's own children (workerd) may outlive the pnpm process by a moment: wait until
      // the port is free again, so a restart can bind it.
      await waitUntilClosed(port);
    })();
    return killing;
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${origin}/api/v1/health`);
      if (res.ok) return { kill };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await kill('SIGTERM');
  throw new Error(`wrangler dev did not start on port ${port}:\n${stderr}`);
}

/** Resolves once nothing accepts connections on `port` (at most 10 s). */
async function waitUntilClosed(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The real worker under `wrangler dev` (workerd) on a loopback port, with fresh state in a new
// temporary directory that is removed afterwards. The worker is bundled once first (`wrangler
// deploy --dry-run`, which uploads nothing) and served from that bundle, so edits to worker/
// during the run (other work on this machine) cannot restart it mid-run; this is how
// worker/bench/server.ts does it too.
const ROOT = resolve(import.meta.dirname, '../..');
const WRANGLER = join(ROOT, 'tests/node_modules/.bin/wrangler');

const QUIET_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

export interface DevServer {
  origin: string;
  stop(): Promise<void>;
}

function bundle(state: string): string {
  const out = join(state, 'bundle');
  const built = spawnSync(WRANGLER, ['deploy', '--dry-run', '--outdir', out, '--config', join(ROOT, 'wrangler.toml')], { cwd: ROOT, env: QUIET_ENV, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`bundling the worker failed:\n${built.stderr}${built.stdout}`);
  // The API is all this run needs: an empty assets directory (wrangler refuses a missing one).
  const assets = join(state, 'assets');
  mkdirSync(assets, { recursive: true });
  const config = join(state, 'wrangler.toml');
  writeFileSync(config, readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
    .replace(/^main = ".*"$/m, `main = "${join(out, 'index.js')}"\nno_bundle = true`)
    .replace(/^directory = ".*"$/m, `directory = "${assets}"`));
  return config;
}

export async function startDevServer(port: number, timeoutMs = 60_000): Promise<DevServer> {
  const state = mkdtempSync(join(tmpdir(), 'tessera-sync-load-'));
  const config = bundle(state);
  const args = ['dev', '--config', config, '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', join(state, 'state'), '--show-interactive-dev-session=false', '--var', 'DEV_MODE:true'];
  const child: ChildProcess = spawn(WRANGLER, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: QUIET_ENV });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, name);
    } catch {
      // The process group is gone already.
    }
  };
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      signal('SIGTERM');
      const ended = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!ended) {
        signal('SIGKILL');
        await exited;
      }
      // workerd may outlive wrangler by a moment, and writes to the state directory while stopping.
      await new Promise((r) => setTimeout(r, 1_000));
      rmSync(state, { recursive: true, force: true });
    })();
    return stopping;
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${origin}/api/v1/health`)).ok) return { origin, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not start on port ${port}:\n${stderr}`);
}

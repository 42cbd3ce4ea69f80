import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  stop(): Promise<void>;
}

function bundle(state: string): { config: string; bundleBytes: number } {
  const out = join(state, 'bundle');
  const built = spawnSync(
    'pnpm',
    ['exec', 'wrangler', 'deploy', '--dry-run', '--outdir', out, '--config', join(ROOT, 'wrangler.toml')],
    {
      cwd: ROOT,
      env: QUIET_ENV,
      encoding: 'utf8',
    },
  );
  if (built.status !== 0) throw new Error(`bundling the worker failed:\n${built.stderr}${built.stdout}`);
  // A copy of the built app, so a rebuild of web/dist during the run does not restart the worker;
  // an empty directory when the app is not built (wrangler refuses a missing one).
  const assets = join(state, 'assets');
  if (existsSync(join(ROOT, 'web/dist'))) cpSync(join(ROOT, 'web/dist'), assets, { recursive: true });
  else mkdirSync(assets, { recursive: true });
  const text = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
    .replace(/^main = ".*"$/m, `main = "${join(out, 'index.js')}"\nno_bundle = true`)
    .replace(/^directory = ".*"$/m, `directory = "${assets}"`);
  const config = join(state, 'wrangler.toml');
  writeFileSync(config, text);
  return { config, bundleBytes: statSync(join(out, 'index.js')).size };
}

export async function startDevServer(port: number, timeoutMs = 60_000): Promise<DevServer> {
  const state = mkdtempSync(join(tmpdir(), 'tessera-load-'));
  const { config, bundleBytes } = bundle(state);
  const args = ['exec', 'wrangler', 'dev', '--config', config, '--local', '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--persist-to', join(state, 'state'), '--show-interactive-dev-session=false', '--var', 'DEV_MODE:true');
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
  // The state directory is removed only once wrangler has exited: it writes there while stopping.
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      signal('SIGTERM');
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
      ]);
      if (!killed) {
        signal('SIGKILL');
        await exited;
      }
      // wrangler's own children may outlive the pnpm process by a moment.
      await new Promise((r) => setTimeout(r, 1000));
      rmSync(state, { recursive: true, force: true });
    })();
    return stopping;
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${origin}/api/v1/health`);
      if (res.ok) return { origin, bundleBytes, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not start on port ${port}:\n${stderr}`);
}

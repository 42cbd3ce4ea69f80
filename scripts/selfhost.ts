/**
 * @module `npm run selfhost`: bundles the worker as `wrangler deploy` would, writes a workerd
 * configuration for it and runs workerd (docs/selfhost.md). Accounts live in the data folder
 * (`npm run selfhost -- <folder>`, default .state/selfhost); secrets come from a file made on the
 * first run; the secrets reach workerd through its environment, never through the configuration.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const say = (line: string) => process.stderr.write(`tessera: ${line}\n`);

const dataDir = resolve(process.argv[2] ?? process.env.TESSERA_DATA ?? join(ROOT, '.state/selfhost'));
const secretsFile = resolve(process.env.TESSERA_SECRETS ?? join(dataDir, 'secrets.env'));
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const build = join(ROOT, '.state/selfhost-build');

// Everything the worker reads from its environment (worker/src/env.ts).
const SETTINGS = [
  'PRELOGIN_SECRET',
  'TWOFA_SECRET_KEY',
  'DEV_MODE',
  'EMAIL_PROVIDER',
  'EMAIL_API_KEY',
  'EMAIL_FROM',
  'EMAIL_API_URL',
  'SMS_PROVIDER',
  'SMS_ACCOUNT',
  'SMS_API_KEY',
  'SMS_FROM',
  'SMS_API_URL',
  'CLIENT_ADDRESS',
  'CLIENT_ADDRESS_HEADER',
  'TRUSTED_PROXIES',
] as const;

function newSecretsFile(): string {
  const key = () => randomBytes(32).toString('base64');
  return `# Tessera self-hosted settings (docs/selfhost.md). Keep this file private (mode 0600) and backed
# up with the data folder: without TWOFA_SECRET_KEY no authenticator-app sign-in works.
PRELOGIN_SECRET=${key()}
TWOFA_SECRET_KEY=${key()}

# Email is needed to sign up. Resend or Postmark (docs/api.md, "Email and SMS"):
# EMAIL_PROVIDER=resend
# EMAIL_API_KEY=re_...
# EMAIL_FROM=Tessera <no-reply@tessera.example.com>

# Text-message sign-in codes, optional. Twilio or Vonage:
# SMS_PROVIDER=twilio
# SMS_ACCOUNT=AC...
# SMS_API_KEY=...
# SMS_FROM=+15551234567

# How the client's address is found for the rate limits: socket (nothing in front), proxy (with
# the header your proxy sets and its address), or cf-connecting-ip (behind Cloudflare).
CLIENT_ADDRESS=socket
# CLIENT_ADDRESS=proxy
# CLIENT_ADDRESS_HEADER=X-Forwarded-For
# TRUSTED_PROXIES=127.0.0.1,::1
`;
}

// KEY=VALUE lines; '#' starts a comment line; a value may be wrapped in double quotes.
function readSettings(file: string): Map<string, string> {
  const settings = new Map<string, string>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const name = line.slice(0, eq).trim();
      if (eq <= 0 || !(SETTINGS as readonly string[]).includes(name))
        throw new Error(`${file}:${index + 1}: not a known setting (${SETTINGS.join(', ')})`);
      const value = line.slice(eq + 1).trim();
      settings.set(
        name,
        value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value,
      );
    });
  return settings;
}

function loadSecrets(): Map<string, string> {
  if (!existsSync(secretsFile)) {
    writeFileSync(secretsFile, newSecretsFile(), { mode: 0o600, flag: 'wx' });
    say(`made ${secretsFile} (mode 0600) with new random keys: add an email provider there to allow sign-ups`);
  }
  if ((statSync(secretsFile).mode & 0o077) !== 0) {
    chmodSync(secretsFile, 0o600);
    say(`${secretsFile} was readable by others: now mode 0600`);
  }
  const settings = readSettings(secretsFile);
  // The process environment wins, as for wrangler (a one-off DEV_MODE=true, a PORT, ...).
  for (const name of SETTINGS) if (process.env[name] !== undefined) settings.set(name, process.env[name] as string);
  settings.set('CLIENT_ADDRESS', settings.get('CLIENT_ADDRESS') ?? 'socket');
  return settings;
}

function bundleWorker(): void {
  say('bundling the worker (wrangler deploy --dry-run)');
  execFileSync(
    'pnpm',
    [
      'exec',
      'wrangler',
      'deploy',
      'worker/src/selfhost.ts',
      '--config',
      'wrangler.toml',
      '--dry-run',
      '--outdir',
      join(build, 'bundle'),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

function workerdBinary(): string {
  const fromWrangler = createRequire(realpathSync(join(ROOT, 'node_modules/wrangler/package.json')));
  return join(fromWrangler.resolve('workerd'), '../../bin/workerd');
}

const capnpString = (text: string) => JSON.stringify(text);

function config(settings: Map<string, string>): string {
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(
    readFileSync(join(ROOT, 'wrangler.toml'), 'utf8'),
  )?.[1];
  if (compatibilityDate === undefined) throw new Error('wrangler.toml has no compatibility_date');
  const classes = ['AccountStore', 'ClientLimiter', 'DevOutbox'];
  const bindings = [
    '(name = "ASSETS", service = (name = "tessera", entrypoint = "SelfhostAssets"))',
    '(name = "FILES", service = "files")',
    '(name = "ACCOUNTS", durableObjectNamespace = "AccountStore")',
    '(name = "CLIENTS", durableObjectNamespace = "ClientLimiter")',
    '(name = "OUTBOX", durableObjectNamespace = "DevOutbox")',
    ...[...settings.keys()].map((name) => `(name = ${capnpString(name)}, fromEnvironment = ${capnpString(name)})`),
  ];
  return `# Written by scripts/selfhost.ts on every start; edit the script, not this file.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "tessera", worker = .tessera),
    (name = "files", disk = (path = ${capnpString(join(ROOT, 'web/dist'))}, writable = false)),
    (name = "objects", disk = (path = ${capnpString(join(dataDir, 'objects'))}, writable = true)),
    (name = "internet", network = (allow = ["public", "private"], tlsOptions = (trustBrowserCas = true))),
  ],
  sockets = [(name = "http", address = ${capnpString(`${host}:${port}`)}, http = (), service = "tessera")],
);

const tessera :Workerd.Worker = (
  modules = [(name = "index.js", esModule = embed "bundle/selfhost.js")],
  compatibilityDate = ${capnpString(compatibilityDate)},
  bindings = [
    ${bindings.join(',\n    ')},
  ],
  durableObjectNamespaces = [
    ${classes.map((c) => `(className = "${c}", uniqueKey = "tessera-${c}", enableSql = true)`).join(',\n    ')},
  ],
  durableObjectStorage = (localDisk = "objects"),
  globalOutbound = "internet",
);
`;
}

mkdirSync(join(dataDir, 'objects'), { recursive: true, mode: 0o700 });
mkdirSync(build, { recursive: true });
const settings = loadSecrets();
bundleWorker();
writeFileSync(join(build, 'tessera.capnp'), config(settings));
if (settings.get('DEV_MODE') === 'true')
  say('DEV_MODE is on: mail goes to the dev outbox, never to anyone (for trying it out only)');
say(
  `starting Tessera on http://${host}:${port} (accounts in ${join(dataDir, 'objects')}, client address: ${settings.get('CLIENT_ADDRESS')})`,
);
const child = spawn(workerdBinary(), ['serve', join(build, 'tessera.capnp')], {
  cwd: build,
  stdio: 'inherit',
  env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...Object.fromEntries(settings) },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

#!/usr/bin/env node
// The `tessera` command: `npm run --silent tessera -- <command>` from the repository root.
import { text } from 'node:stream/consumers';
import { runCli } from './cli.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  readStdin: () => text(process.stdin),
  now: () => Date.now(),
});

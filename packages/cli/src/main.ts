#!/usr/bin/env node
// The `tessera` command: `npm run --silent tessera -- <command>` from the repository root.
import { runCli } from './cli.ts';
import { UsageError } from './command.ts';
import { askOnTerminal, hasTerminal } from './terminal.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  readStdin,
  now: () => Date.now(),
  env: process.env,
  askSecret: askOnTerminal,
  hasTerminal,
});

// Stops reading at the limit rather than holding whatever a pipe sends in memory.
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      process.stdin.destroy();
      throw new UsageError(`standard input holds more than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

import { closeSync, openSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { ReadStream, WriteStream } from 'node:tty';
import { Cancelled } from './command.ts';

// Asking for a password. The controlling terminal (/dev/tty) is used rather than stdin and
// stdout, so that a file can be piped in (`... | tessera import -`) and the output redirected
// while the password is still typed by a person. Raw mode turns the terminal's echo off; the
// line is edited here (backspace, Ctrl-U), and Ctrl-C / Ctrl-D cancel, since raw mode also turns
// off the signals those keys normally send.

interface Terminal {
  input: ReadStream;
  output: WriteStream;
  close(): void;
}

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\x7f', '\b']);
const CTRL_C = '\x03';
const CTRL_D = '\x04';
const CTRL_U = '\x15';
// Arrow and function keys send escape sequences (ECMA-48 §5.4 CSI, and SS3 `ESC O x`); they
// are editing keys, not part of the password.
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?/g;
// Signals that end the process while the terminal is raw: restore it first, then die of the same signal.
const FATAL_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP'];

/** Reads one line from the terminal with echo off; null when the process has no terminal. */
export async function askOnTerminal(prompt: string): Promise<string | null> {
  const terminal = openTerminal();
  if (terminal === null) return null;
  const { input, output } = terminal;
  const restore = (): void => {
    if (input.isRaw) input.setRawMode(false);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    restore();
    process.kill(process.pid, signal);
  };
  for (const signal of FATAL_SIGNALS) process.once(signal, onSignal);
  try {
    // Echo off before the prompt shows, so nothing typed in answer to it is ever echoed.
    input.setRawMode(true);
    output.write(prompt);
    return await readLine(input);
  } finally {
    restore();
    output.write('\n');
    for (const signal of FATAL_SIGNALS) process.removeListener(signal, onSignal);
    terminal.close();
  }
}

function readLine(input: ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let typed: string[] = [];
    const finish = (error: Error | null): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('error', onError);
      input.pause();
      const line = typed.join('');
      typed = [];
      if (error === null) resolve(line);
      else reject(error);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of decoder.write(chunk).replace(ESCAPE_SEQUENCE, '')) {
        if (ENTER.has(char)) return finish(null);
        if (char === CTRL_C || (char === CTRL_D && typed.length === 0)) return finish(new Cancelled());
        if (ERASE.has(char)) typed.pop();
        else if (char === CTRL_U) typed = [];
        else if (char >= ' ') typed.push(char);
      }
    };
    const onEnd = (): void => finish(new Cancelled());
    const onError = (e: Error): void => finish(e);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    input.resume();
  });
}

export function hasTerminal(): boolean {
  const terminal = openTerminal();
  terminal?.close();
  return terminal !== null;
}

function openTerminal(): Terminal | null {
  let inFd: number | null = null;
  let outFd: number | null = null;
  try {
    inFd = openSync('/dev/tty', 'r');
    outFd = openSync('/dev/tty', 'w');
    const input = new ReadStream(inFd);
    const output = new WriteStream(outFd);
    return {
      input,
      output,
      close: () => {
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    // No controlling terminal (ENXIO under cron, CI, a detached process) or no /dev/tty at all
    // (Windows): standard input is the only other place a person could type.
    for (const fd of [inFd, outFd]) if (fd !== null) closeSync(fd);
    if (process.stdin.isTTY !== true) return null;
    return {
      input: process.stdin as ReadStream,
      output: process.stderr as unknown as WriteStream,
      close: () => undefined,
    };
  }
}

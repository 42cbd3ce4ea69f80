import type { ParseArgsOptionsConfig } from 'node:util';

/** Where a command writes and reads; main.ts binds it to the process, tests to their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input; a UsageError when it holds more than `maxBytes`. */
  readStdin(maxBytes: number): Promise<Uint8Array>;
  now(): number;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * One line typed on the terminal with echo off (the prompt goes to the terminal, not to
   * stdout). null when the process has no terminal to ask on. Throws Cancelled on Ctrl-C or Ctrl-D.
   */
  askSecret(prompt: string): Promise<string | null>;
  /** Whether askSecret has a terminal to ask on, so a command can refuse before its output starts. */
  hasTerminal(): boolean;
}

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  io: Io;
  commands: readonly Command[];
}

/**
 * One `tessera <name>` command, in its own file under commands/. `options` is handed to
 * node:util parseArgs as is, so every command declares exactly the flags it takes.
 */
export interface Command {
  name: string;
  summary: string;
  /** Usage lines and examples shown by `tessera help <name>`. */
  usage: string;
  options: ParseArgsOptionsConfig;
  run(ctx: CommandContext): Promise<number> | number;
}

/** The user asked for something that cannot work: exit 2 with one line, never a stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The user gave up at a prompt (Ctrl-C, Ctrl-D): nothing was written. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** Exit codes: 0 done, 1 Tessera's own fault, 2 bad input, 130 cancelled at a prompt (as a shell reports Ctrl-C). */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_CANCELLED = 130;

/** One warning line on standard error, e.g. before secrets are printed in the clear. */
export function warn(io: Io, text: string): void {
  io.err(`tessera: warning: ${text}\n`);
}

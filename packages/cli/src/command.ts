import type { ParseArgsOptionsConfig } from 'node:util';

/** Where a command writes and reads; main.ts binds it to the process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  now(): number;
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

/** Exit codes: 0 done, 1 Tessera's own fault, 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

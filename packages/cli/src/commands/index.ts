import type { Command } from '../command.ts';
import { code } from './code.ts';
import { decrypt } from './decrypt.ts';
import { exportCommand } from './export.ts';
import { help } from './help.ts';
import { importCommand } from './import.ts';
import { migration } from './migration.ts';
import { parse } from './parse.ts';

/** Every command, in the order `tessera help` lists them. A new command is a file and a line here. */
export const COMMANDS: readonly Command[] = [code, parse, migration, importCommand, exportCommand, decrypt, help];

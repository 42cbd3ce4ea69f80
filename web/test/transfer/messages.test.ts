import { readFileSync } from 'node:fs';
import { TesseraError } from '@tessera/core/errors';
import { TransferError } from '@tessera/core/transfer/errors';
import { importFile } from '@tessera/core/transfer/import';
import { describe, expect, it } from 'vitest';
import { AddError } from '../../src/add/errors.ts';
import { describeTransferProblem, offersFormatChoice } from '../../src/screens/transfer/messages.ts';

// Messages for real failures of core's importers on its own fixture files.
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../packages/core/test/transfer/fixtures/${name}`, import.meta.url)));

async function failure(input: Uint8Array | string, opts: Parameters<typeof importFile>[1] = {}): Promise<unknown> {
  try {
    await importFile(input, opts);
  } catch (error) {
    return error;
  }
  throw new Error('the import did not fail');
}

describe('describeTransferProblem', () => {
  it('asks for the password of an encrypted file, naming the format', async () => {
    const error = await failure(fixture('2fas-encrypted.2fas'));
    expect(describeTransferProblem(error).message).toBe(
      'This 2FAS backup is encrypted: enter the password it was exported with.',
    );
  });

  it('says a wrong password in the user’s words, keeping core’s detail', async () => {
    const problem = describeTransferProblem(await failure(fixture('aegis-encrypted.json'), { password: 'nope' }));
    expect(problem.message).toBe('That password does not open the file. Check it (capitals, spaces) and try again.');
  });

  it('calls a cut file damaged and gives core’s reason', async () => {
    const whole = fixture('bitwarden.json');
    // Cut JSON no longer says what it is: the name it was saved under does.
    const problem = describeTransferProblem(
      await failure(whole.subarray(0, 300), { fileName: 'bitwarden_export_20261122.json' }),
    );
    expect(problem).toEqual({
      message: 'This Bitwarden export is damaged or cut short, so nothing was imported. Export it again from its app.',
      detail: 'The file is cut short or damaged: it is not valid JSON.',
    });
  });

  it('offers the format picker when nothing was recognised or the chosen format was wrong', async () => {
    const unknown = await failure('hello');
    expect(describeTransferProblem(unknown)).toEqual({
      message: 'Tessera could not tell what kind of export this is. If you know which app made it, choose it below.',
      detail: null,
    });
    expect(offersFormatChoice(unknown)).toBe(true);
    const wrong = await failure('hello', { format: 'andotp' });
    expect(describeTransferProblem(wrong).message).toBe(
      'This file is not an andOTP backup. If you know which app made it, choose it below.',
    );
    expect(offersFormatChoice(wrong)).toBe(true);
    expect(offersFormatChoice(await failure(fixture('aegis-encrypted.json'), { password: 'nope' }))).toBe(false);
  });

  it('names hostile key-derivation settings and oversized files', async () => {
    const ente = JSON.parse(new TextDecoder().decode(fixture('ente-encrypted.json'))) as { kdfParams: object };
    const hostile = await failure(JSON.stringify({ ...ente, kdfParams: { ...ente.kdfParams, opsLimit: 1e9 } }), {
      password: 'x',
    });
    expect(describeTransferProblem(hostile).message).toMatch(
      /^This Ente Auth export asks for encryption settings outside safe limits/,
    );
    const aegis = JSON.parse(new TextDecoder().decode(fixture('aegis-encrypted.json'))) as {
      header: { slots: object[] };
    };
    aegis.header.slots = Array.from({ length: 5000 }, () => aegis.header.slots[1]!);
    const manySlots = describeTransferProblem(await failure(JSON.stringify(aegis), { password: 'x' }));
    expect(manySlots.message).toMatch(/^This Aegis backup asks for far more password checks than any real export/);
    expect(manySlots.detail).toBe('The file lists 5000 key slots; Tessera reads at most 16 (KDF_BUDGET.maxSlots).');
    const huge = await failure(new Uint8Array(20 * 1024 * 1024 + 1));
    expect(describeTransferProblem(huge)).toEqual({
      message: 'This file is too large to be an authenticator export, so it was not read.',
      detail: 'The file is larger than 20 MiB.',
    });
  });

  it('asks for a newer Tessera for a backup of a newer version', () => {
    const error = new TransferError(
      'unsupported-version',
      'Tessera backup version 2 is not supported',
      'tessera-backup',
    );
    expect(describeTransferProblem(error).message).toBe(
      'This backup was made by a newer version of Tessera. Update Tessera, then import it again.',
    );
  });

  it('leaves the add flow’s own sentences and unexpected errors as the add flow shows them', () => {
    expect(describeTransferProblem(new AddError('image-no-qr', 'No QR code was found in this picture.')).message).toBe(
      'No QR code was found in this picture.',
    );
    expect(describeTransferProblem(new TesseraError('transfer-worker', 'the worker stopped')).message).toBe(
      'The worker stopped.',
    );
    expect(describeTransferProblem(new Error('boom'))).toEqual({ message: 'Something went wrong.', detail: 'Boom.' });
  });
});

import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { isTesseraError } from '@tessera/core/errors';
import { TransferError } from '@tessera/core/transfer/errors';
import type { ImportPlan } from '@tessera/core/transfer/plan';
import { IMPORT_FORMATS, type ImportFormat } from '@tessera/core/transfer/types';
import { takeImportFile } from '../../app/capture.ts';
import { navigate } from '../../app/router.ts';
import { useServices } from '../../app/services.tsx';
import { PasswordInput } from '../../components/PasswordInput.tsx';
import type { ImportSource, TransferService } from '../../services/transfer.ts';
import { ImportPreview } from './ImportPreview.tsx';
import { ImportSources } from './ImportSources.tsx';
import { describeTransferProblem, offersFormatChoice, type TransferProblem } from './messages.ts';
import { formatName, plural } from './names.ts';
import { ProblemBox } from './ProblemBox.tsx';
import { readQrPictures } from './qr-pictures.ts';
import { Working } from './Working.tsx';

// Import: choose a source, give the file's password if it has one, review, import. Reading and
// decrypting run in the transfer worker; "Import N" writes everything in one transaction.
type Step =
  | { step: 'choose'; problem: TransferProblem | null; formatChoice: boolean }
  | { step: 'working'; label: string }
  | { step: 'password'; format: ImportFormat | null; wrong: boolean }
  | { step: 'preview'; plan: ImportPlan; saving: boolean; problem: TransferProblem | null }
  | { step: 'done'; added: number; format: ImportFormat };

export function ImportScreen(props: { transfer: TransferService }) {
  const qr = useServices().openQrReader();
  onCleanup(() => qr.close());
  const [step, setStep] = createSignal<Step>({ step: 'choose', problem: null, formatChoice: false });
  const [source, setSource] = createSignal<{ input: ImportSource; name: string } | null>(null);
  const [text, setText] = createSignal('');
  const [format, setFormat] = createSignal<ImportFormat | undefined>();
  const [password, setPassword] = createSignal('');

  const fail = (error: unknown) => {
    if (isTesseraError(error, 'cancelled')) return setStep({ step: 'choose', problem: null, formatChoice: false });
    setStep({
      step: 'choose',
      problem: describeTransferProblem(error),
      formatChoice: source() !== null && offersFormatChoice(error),
    });
  };

  const read = async () => {
    const current = source();
    if (current === null) return;
    const filePassword = password();
    setStep({
      step: 'working',
      label: filePassword === '' ? `Reading ${current.name}…` : `Decrypting ${current.name}…`,
    });
    try {
      const options = {
        ...(filePassword === '' ? {} : { password: filePassword }),
        ...(format() === undefined ? {} : { format: format()! }),
      };
      const plan = await props.transfer.preview(current.input, options);
      setPassword('');
      setStep({ step: 'preview', plan, saving: false, problem: null });
    } catch (error) {
      if (error instanceof TransferError && (error.code === 'password-required' || error.code === 'wrong-password')) {
        setPassword('');
        return setStep({ step: 'password', format: error.format, wrong: error.code === 'wrong-password' });
      }
      fail(error);
    }
  };

  const start = (input: ImportSource, name: string) => {
    setSource({ input, name });
    setFormat(undefined);
    setPassword('');
    void read();
  };

  const fromFile = async (file: File) => {
    setStep({ step: 'working', label: `Opening ${file.name}…` });
    try {
      start(await props.transfer.readFile(file), file.name);
    } catch (error) {
      setSource(null);
      fail(error);
    }
  };

  // A file opened with Tessera from the system (File Handling) starts the import at once.
  const opened = takeImportFile();
  if (opened !== null) void fromFile(opened);

  const fromPictures = async (files: File[]) => {
    setStep({ step: 'working', label: `Looking for QR codes in ${plural(files.length, 'picture')}…` });
    try {
      start({ kind: 'text', text: await readQrPictures(files, qr) }, plural(files.length, 'QR code picture'));
    } catch (error) {
      setSource(null);
      fail(error);
    }
  };

  const cancel = () => {
    props.transfer.cancel();
    qr.close();
  };

  const save = async (plan: ImportPlan) => {
    setStep({ step: 'preview', plan, saving: true, problem: null });
    try {
      const ids = await props.transfer.add(plan);
      setText('');
      setStep({ step: 'done', added: ids.length, format: plan.format });
    } catch (error) {
      setStep({ step: 'preview', plan, saving: false, problem: describeTransferProblem(error) });
    }
  };

  const reset = () => {
    setSource(null);
    setPassword('');
    setStep({ step: 'choose', problem: null, formatChoice: false });
  };

  return (
    <div class="transfer-import">
      <Switch>
        <Match when={step().step === 'choose' && (step() as Extract<Step, { step: 'choose' }>)}>
          {(choose) => (
            <>
              <h1 tabIndex={-1} data-autofocus>
                Import
              </h1>
              <p class="muted">
                Bring codes and logins from another app. You see everything before it is added, and entries already in
                your vault are left out unless you tick them.
              </p>
              <Show when={choose().problem}>{(problem) => <ProblemBox problem={problem()} />}</Show>
              <Show when={choose().formatChoice}>
                <form
                  class="transfer-format"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void read();
                  }}
                >
                  <div class="setting">
                    <label for="transfer-format">Read {source()?.name} as</label>
                    <select
                      id="transfer-format"
                      value={format() ?? ''}
                      onChange={(e) => setFormat((e.currentTarget.value || undefined) as ImportFormat | undefined)}
                    >
                      <option value="">Choose the app that made it</option>
                      <For each={IMPORT_FORMATS}>{(f) => <option value={f}>{formatName(f)}</option>}</For>
                    </select>
                  </div>
                  <button type="submit" class="button" disabled={format() === undefined}>
                    Read as this format
                  </button>
                </form>
              </Show>
              <ImportSources
                text={text()}
                onTextChange={setText}
                onFile={(file) => void fromFile(file)}
                onText={(value) => start({ kind: 'text', text: value }, 'pasted links')}
                onPictures={(files) => void fromPictures(files)}
              />
            </>
          )}
        </Match>
        <Match when={step().step === 'working' && (step() as Extract<Step, { step: 'working' }>)}>
          {(working) => (
            <>
              <h1 tabIndex={-1}>Import</h1>
              <Working label={working().label} onCancel={cancel} />
            </>
          )}
        </Match>
        <Match when={step().step === 'password' && (step() as Extract<Step, { step: 'password' }>)}>
          {(asking) => (
            <form
              class="transfer-password"
              onSubmit={(e) => {
                e.preventDefault();
                if (password() !== '') void read();
              }}
              novalidate
            >
              <h1 tabIndex={-1}>Enter the file's password</h1>
              <p class="muted">
                {source()?.name} is{' '}
                {asking().format === null ? 'an encrypted export' : `an encrypted ${formatName(asking().format!)}`}.
                Enter the password it was exported with (not your Tessera master password, unless you chose the same).
              </p>
              <PasswordInput
                id="transfer-file-password"
                label="Password of the file"
                value={password()}
                onInput={setPassword}
                autocomplete="off"
                autofocus
                ref={(el) => queueMicrotask(() => el.focus())}
                error={
                  asking().wrong
                    ? 'That password does not open the file. Check it (capitals, spaces) and try again.'
                    : undefined
                }
              />
              <div class="transfer-actions">
                <button type="button" class="button" onClick={reset}>
                  Choose another file
                </button>
                <button type="submit" class="button button-primary" disabled={password() === ''}>
                  Open
                </button>
              </div>
            </form>
          )}
        </Match>
        <Match when={step().step === 'preview' && (step() as Extract<Step, { step: 'preview' }>)}>
          {(preview) => (
            <>
              <Show when={preview().problem}>{(problem) => <ProblemBox problem={problem()} />}</Show>
              <ImportPreview
                plan={preview().plan}
                source={source()?.name ?? ''}
                saving={preview().saving}
                onChange={(plan) => setStep({ step: 'preview', plan, saving: false, problem: null })}
                onCancel={reset}
                onImport={() => void save(preview().plan)}
              />
            </>
          )}
        </Match>
        <Match when={step().step === 'done' && (step() as Extract<Step, { step: 'done' }>)}>
          {(done) => (
            <div class="transfer-done" role="status">
              <h1 tabIndex={-1} ref={(el) => queueMicrotask(() => el.focus())}>
                Imported {plural(done().added, 'entry', 'entries')}
              </h1>
              <p class="muted">
                From the {formatName(done().format)}: they are in your vault now, each as a record of its own.
              </p>
              <div class="transfer-actions">
                <button type="button" class="button" onClick={reset}>
                  Import more
                </button>
                <button type="button" class="button button-primary" onClick={() => navigate({ name: 'codes' })}>
                  Show the codes
                </button>
              </div>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}

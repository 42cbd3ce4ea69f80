import type { Otp } from '@tessera/core/otp/types';
import type { RecordView } from '@tessera/core/vault/record';
import { createEffect, createSignal, createUniqueId, Match, onCleanup, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { takeCapture } from '../app/capture.ts';
import { useServices } from '../app/services.tsx';
import { clearWantedWay, wantedWay } from '../app/shortcuts.ts';
import './add.css';
import { CameraPanel } from './CameraPanel.tsx';
import { ImagePanel } from './ImagePanel.tsx';
import { defaultKeyForm } from './key-form.ts';
import { KeyPanel } from './KeyPanel.tsx';
import { LinkPanel } from './LinkPanel.tsx';
import { LinksReview } from './LinksReview.tsx';
import { describeProblem, type Problem } from './messages.ts';
import {
  addBatch,
  batchProgressText,
  collectedOtps,
  isComplete,
  skippedEntries,
  type MigrationCollection,
  type SkippedEntry,
} from './migration-batches.ts';
import { ReviewMigration } from './ReviewMigration.tsx';
import { ReviewOtp } from './ReviewOtp.tsx';
import { readScannedText } from './scanned.ts';
import { ScreenPanel } from './ScreenPanel.tsx';
import type { Target } from './TargetChooser.tsx';
import { WayTabs } from './WayTabs.tsx';
import { canCaptureScreen, firstWay, hasCamera, type Outcome, type Way } from './ways.ts';

// Adding an OTP: five ways to read it (camera, image, screen, setup key, link), one way to
// finish (check the code, attach it to a record or create one, save). A setup key or a single
// link is checked and saved on its own tab's screen; a scanned code gets a review step. The parent owns storage:
// this component only hands the finished Otps to onSave and reports how that went.

type Found =
  | { kind: 'single'; otp: Otp }
  | { kind: 'migration'; otps: Otp[]; skipped: SkippedEntry[] }
  | { kind: 'links'; text: string };

export interface AddOtpProps {
  records: RecordView[];
  onSave: (otps: Otp[], target: { recordId: string } | { newRecord: true }) => Promise<void>;
  onCancel: () => void;
}

export default function AddOtp(props: AddOtpProps) {
  const uid = createUniqueId();
  const panelId = `${uid}-panel`;
  const tabId = (way: Way) => `${uid}-tab-${way}`;
  const ways: Way[] = ['camera', 'image', ...(canCaptureScreen() ? (['screen'] as const) : []), 'key', 'link'];
  // A picture or link pasted, dropped or shared before the flow opened starts it.
  const capture = takeCapture();
  const opening = capture?.kind === 'files' ? 'image' : firstWay();
  const [way, setWay] = createSignal<Way>(opening);
  // Opening on the camera (a phone) is only a guess that there is one: a device without any
  // opens on Image instead, with a word why, before the camera is ever asked for. The Camera tab
  // chosen on purpose still tries, and says what failed.
  const [cameraChecked, setCameraChecked] = createSignal(opening !== 'camera');
  const [openedOnImage, setOpenedOnImage] = createSignal(false);
  if (opening === 'camera')
    void hasCamera().then((present) => {
      if (!present && way() === 'camera') {
        setWay('image');
        setOpenedOnImage(true);
      }
      setCameraChecked(true);
    });
  const [found, setFound] = createSignal<Found | null>(null);
  const [problem, setProblem] = createSignal<Problem | null>(null);
  const [collection, setCollection] = createSignal<MigrationCollection | null>(null);
  const [progress, setProgress] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [keyForm, setKeyForm] = createStore(defaultKeyForm());
  // The "Scan a QR code" shortcut asks for the Camera tab, also when the flow is already open.
  createEffect(() => {
    const wanted = wantedWay();
    if (wanted === null) return;
    clearWantedWay();
    if (found() === null) setWay(wanted);
  });
  // The pasted links hold secrets in clear: kept only while this flow is open, emptied once saved.
  const [linkText, setLinkText] = createSignal('');
  const qr = useServices().openQrReader();
  onCleanup(() => qr.close());

  const report = (error: unknown) => setProblem(describeProblem(error));

  const review = (next: Found | null) => {
    setProblem(null);
    setFound(next);
  };
  /** Back from a review to the chooser, with focus on the way the user came by. */
  const back = () => {
    review(null);
    queueMicrotask(() => document.getElementById(tabId(way()))?.focus());
  };
  const single = () => {
    const f = found();
    return f?.kind === 'single' ? f : undefined;
  };
  const migration = () => {
    const f = found();
    return f?.kind === 'migration' ? f : undefined;
  };
  const links = () => {
    const f = found();
    return f?.kind === 'links' ? f : undefined;
  };

  /** Every scanned or pasted text comes through here, whichever way it was read. */
  const accept = (text: string): Outcome => {
    try {
      const read = readScannedText(text);
      if (read.kind === 'otp') {
        review({ kind: 'single', otp: read.otp });
        return 'review';
      }
      const result = addBatch(collection(), read);
      setCollection(result.collection);
      setProgress(batchProgressText(result));
      setProblem(null);
      if (!isComplete(result.collection)) return 'next-batch';
      review({ kind: 'migration', otps: collectedOtps(result.collection), skipped: skippedEntries(result.collection) });
      return 'review';
    } catch (error) {
      report(error);
      return 'refused';
    }
  };

  const startOver = () => {
    setCollection(null);
    setProgress('');
    setProblem(null);
  };

  const choose = (next: Way) => {
    setWay(next);
    setOpenedOnImage(false);
    setProblem(null);
  };

  const save = async (otps: Otp[], target: Target) => {
    setSaving(true);
    setProblem(null);
    try {
      await props.onSave(otps, target);
      const what = otps.length === 1 ? 'The code was saved' : `${otps.length} accounts were imported`;
      setSaved(`${what}; ${otps.length === 1 ? 'it is' : 'they are'} on your codes screen.`);
      // A single code scanned in the middle of an export leaves the export's batches collected.
      if (found()?.kind === 'migration') startOver();
      setFound(null);
      setKeyForm(defaultKeyForm());
      setLinkText('');
    } catch (error) {
      report(error);
    } finally {
      setSaving(false);
    }
  };

  // Read by the first image panel only: coming back to the Image tab does not read them again.
  const initialFiles = capture?.kind === 'files' ? [...capture.files] : [];
  if (capture?.kind === 'text' && capture.text.trim().split(/\s+/).length > 1) {
    // Several links pasted at once go to the import review, as they do from the Link tab.
    setWay('link');
    setLinkText(capture.text);
    review({ kind: 'links', text: capture.text });
  } else if (capture?.kind === 'text') {
    // A link that cannot be read leaves its message on the Link tab, where another can be pasted.
    if (accept(capture.text) === 'refused') setWay('link');
  }

  const addAnother = () => {
    setSaved(null);
    setProblem(null);
  };

  return (
    // The screen around this component is the "Add a code" region with its title and back button.
    <div class="add-otp">
      <Show when={problem()}>
        {(p) => (
          <div class="add-problem" role="alert">
            <p class="add-problem-message">{p().message}</p>
            <Show when={p().detail}>
              <p class="add-problem-detail">{p().detail}</p>
            </Show>
          </div>
        )}
      </Show>

      <Switch>
        <Match when={saved()}>
          {(message) => (
            <div class="add-saved">
              <p role="status">{message()}</p>
              <div class="add-actions">
                <button type="button" class="add-button" onClick={addAnother}>
                  Add another
                </button>
                <button type="button" class="add-button add-button-primary" onClick={() => props.onCancel()}>
                  Done
                </button>
              </div>
            </div>
          )}
        </Match>
        <Match when={single()}>
          {(f) => <ReviewOtp otp={f().otp} records={props.records} saving={saving()} onBack={back} onSave={save} />}
        </Match>
        <Match when={migration()}>
          {(f) => (
            <ReviewMigration
              otps={f().otps}
              skipped={f().skipped}
              records={props.records}
              saving={saving()}
              onBack={() => {
                startOver();
                back();
              }}
              onSave={save}
            />
          )}
        </Match>
        <Match when={links()}>
          {(f) => (
            <LinksReview
              text={f().text}
              onBack={back}
              onImported={(count) => {
                setFound(null);
                setLinkText('');
                setSaved(
                  `${count === 1 ? '1 account was' : `${count} accounts were`} imported; ${count === 1 ? 'it is' : 'they are'} on your codes screen.`,
                );
              }}
            />
          )}
        </Match>
        <Match when={found() === null}>
          <WayTabs ways={ways} selected={way()} panelId={panelId} tabId={tabId} onSelect={choose} />
          <Show when={progress()}>
            <div class="add-batches" role="status">
              <p>{progress()}</p>
              <button type="button" class="add-link-button" onClick={startOver}>
                Start over
              </button>
            </div>
          </Show>
          <div class="add-panel" id={panelId} role="tabpanel" aria-labelledby={tabId(way())}>
            <Switch>
              <Match when={way() === 'camera' && cameraChecked()}>
                <CameraPanel onText={accept} onProblem={report} onUse={choose} />
              </Match>
              <Match when={way() === 'image'}>
                <Show when={openedOnImage()}>
                  <p class="add-help" role="status">
                    No camera was found on this device, so Tessera opened Image: read the QR code from a picture or a
                    screenshot, or type the setup key.
                  </p>
                </Show>
                <ImagePanel qr={qr} takeInitial={() => initialFiles.splice(0)} onText={accept} onProblem={report} />
              </Match>
              <Match when={way() === 'screen'}>
                <ScreenPanel qr={qr} onText={accept} onProblem={report} onUseImage={() => choose('image')} />
              </Match>
              <Match when={way() === 'key'}>
                <KeyPanel
                  form={keyForm}
                  setForm={setKeyForm}
                  records={props.records}
                  saving={saving()}
                  onSave={save}
                  onProblem={report}
                />
              </Match>
              <Match when={way() === 'link'}>
                <LinkPanel
                  text={linkText()}
                  records={props.records}
                  saving={saving()}
                  onSave={save}
                  onTextChange={setLinkText}
                  onText={accept}
                  onLinks={(text) => review({ kind: 'links', text })}
                />
              </Match>
            </Switch>
          </div>
          <div class="add-actions add-actions-leave">
            <button type="button" class="add-button add-button-quiet" onClick={() => props.onCancel()}>
              Cancel
            </button>
          </div>
        </Match>
      </Switch>
    </div>
  );
}

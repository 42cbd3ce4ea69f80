import { createSignal, onCleanup, Show } from 'solid-js';
import { AddError } from './errors.ts';
import { screenError } from './media-errors.ts';
import { pixelsFromVideo } from './pixels.ts';
import type { QrClient } from '../services/qr-client.ts';
import type { Outcome } from './ways.ts';

// The QR code is usually on this very screen, in the website's tab. The user shares that tab
// or window once; frames are read for a few seconds and the capture stops the moment a code is
// found, on cancel, or when this panel closes, so the "sharing" indicator never lingers.

const SCAN_FOR_MS = 15_000;
const BETWEEN_FRAMES_MS = 200;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function ScreenPanel(props: {
  qr: QrClient;
  onText: (text: string) => Outcome;
  onProblem: (error: unknown) => void;
  onUseImage: () => void;
}) {
  const [capturing, setCapturing] = createSignal(false);
  // Set once the browser has shown it cannot capture at all: the share button would only fail
  // again, so the panel offers the way that works instead.
  const [unsupported, setUnsupported] = createSignal(false);
  let video!: HTMLVideoElement;
  let session = 0;
  let stream: MediaStream | null = null;

  const stop = () => {
    session++;
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    if (video) video.srcObject = null;
    setCapturing(false);
  };

  const capture = async () => {
    stop();
    const mine = session;
    const current = () => mine === session;
    let shared: MediaStream;
    try {
      shared = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch (error) {
      if (!current()) return;
      const problem = screenError(error);
      if (problem.code === 'screen-unsupported') setUnsupported(true);
      props.onProblem(problem);
      return;
    }
    if (!current()) {
      for (const track of shared.getTracks()) track.stop();
      return;
    }
    stream = shared;
    setCapturing(true);
    // The user can end sharing from the browser's own bar.
    for (const track of shared.getVideoTracks()) track.addEventListener('ended', () => current() && stop());
    try {
      video.srcObject = shared;
      await video.play();
      let deadline = performance.now() + SCAN_FOR_MS;
      let lastText = '';
      for (let frame = 0; current() && performance.now() < deadline; frame++) {
        const pixels = pixelsFromVideo(video);
        // The quick pass on most frames, the thorough one (tiles, for a small code) every third.
        const text = pixels ? await props.qr.decode(pixels, { thorough: frame % 3 === 2 }) : null;
        if (!current()) return;
        if (text !== null && text !== lastText) {
          lastText = text;
          const outcome = props.onText(text);
          if (outcome === 'review') return stop();
          // The next batch of an export may come up in the same window: keep looking a while.
          if (outcome === 'next-batch') deadline = performance.now() + SCAN_FOR_MS;
        }
        await sleep(BETWEEN_FRAMES_MS);
      }
      if (!current()) return;
      stop();
      props.onProblem(
        new AddError(
          'screen-no-qr',
          `No QR code was found in the shared screen within ${SCAN_FOR_MS / 1000} seconds. Make sure the QR code is fully visible in the window or tab you share, then try again.`,
        ),
      );
    } catch (error) {
      if (!current()) return;
      stop();
      props.onProblem(screenError(error));
    }
  };

  onCleanup(stop);

  return (
    <div class="add-screen">
      <Show
        when={!unsupported()}
        fallback={
          <p>
            Screen sharing does not work in this browser. A screenshot of the QR code does the same job: take one, then
            choose it under Image.
          </p>
        }
      >
        <p>
          Open the page that shows the QR code, then share that tab or window. Tessera looks for the code and stops
          sharing as soon as it finds it.
        </p>
      </Show>
      <div class="add-viewfinder add-viewfinder-screen" classList={{ 'add-hidden': !capturing() }}>
        <video ref={video} class="add-video" muted playsinline aria-label="Shared screen" />
      </div>
      <p class="add-status" role="status">
        <Show when={capturing()}>Looking for a QR code in the shared screen…</Show>
      </p>
      <div class="add-actions">
        <Show
          when={capturing()}
          fallback={
            <Show
              when={!unsupported()}
              fallback={
                <button type="button" class="add-button add-button-primary" onClick={() => props.onUseImage()}>
                  Use a screenshot instead
                </button>
              }
            >
              <button type="button" class="add-button add-button-primary" onClick={() => void capture()}>
                Share a window or tab
              </button>
            </Show>
          }
        >
          <button type="button" class="add-button" onClick={stop}>
            Stop sharing
          </button>
        </Show>
      </div>
    </div>
  );
}

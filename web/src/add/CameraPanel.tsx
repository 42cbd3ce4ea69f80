import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { cameraError, cameraUnavailable } from './media-errors.ts';
import type { Outcome } from './ways.ts';

// Live scanning with the camera. @zxing/browser is fetched only now (dynamic import), and the
// camera light goes off whenever this panel closes: every stream is stopped on cleanup, even one
// that arrives after the user has already left.

type CameraState = 'starting' | 'scanning' | 'failed';

function stopStream(stream: MediaStream) {
  for (const track of stream.getTracks()) track.stop();
}

export function CameraPanel(props: {
  onText: (text: string) => Outcome;
  onProblem: (error: unknown) => void;
  /** The other ways that need no camera, offered when it fails. */
  onUse: (way: 'image' | 'key') => void;
}) {
  const selectId = createUniqueId();
  const [state, setState] = createSignal<CameraState>('starting');
  const [devices, setDevices] = createSignal<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = createSignal('');
  let video!: HTMLVideoElement;
  let session = 0;
  let stopCurrent: (() => void) | null = null;
  let lastText = '';

  const stop = () => {
    session++;
    stopCurrent?.();
    stopCurrent = null;
  };

  const start = async (wanted: string) => {
    stop();
    const mine = session;
    const current = () => mine === session;
    setState('starting');
    try {
      const unavailable = cameraUnavailable();
      if (unavailable) throw unavailable;
      const { CameraQrReader } = await import('./camera-reader.ts');
      if (!current()) return;
      // The back camera on a phone; the one the user picked when there are several.
      const camera: MediaTrackConstraints = wanted
        ? { deviceId: { exact: wanted } }
        : { facingMode: { ideal: 'environment' } };
      const stream = await navigator.mediaDevices.getUserMedia({ video: camera, audio: false });
      if (!current()) return stopStream(stream);
      const reader = new CameraQrReader(undefined, { delayBetweenScanAttempts: 150, delayBetweenScanSuccess: 300 });
      const controls = await reader.decodeFromStream(stream, video, (result) => {
        if (!result || !current()) return;
        const text = result.getText();
        // The same code is seen in every frame while it stays in view: act on it once.
        if (text === lastText) return;
        lastText = text;
        props.onText(text);
      });
      stopCurrent = () => {
        controls.stop();
        stopStream(stream);
        video.srcObject = null;
      };
      if (!current()) return stop();
      setState('scanning');
      // Device labels are readable only once the camera is allowed, so list them now.
      const list = await CameraQrReader.listVideoInputDevices();
      if (!current()) return;
      setDevices(list);
      setDeviceId(stream.getVideoTracks()[0]?.getSettings().deviceId ?? wanted);
    } catch (error) {
      if (!current()) return;
      setState('failed');
      props.onProblem(cameraError(error));
    }
  };

  onMount(() => void start(''));
  onCleanup(stop);

  return (
    <div class="add-camera">
      {/* No empty black box under a failure: the message and the ways out take its place. */}
      <div
        class="add-viewfinder"
        classList={{ 'add-viewfinder-live': state() === 'scanning' }}
        hidden={state() === 'failed'}
      >
        <video ref={video} class="add-video" muted playsinline autoplay aria-label="Camera preview" />
        <span class="add-viewfinder-frame" aria-hidden="true" />
      </div>
      <p class="add-status" role="status">
        <Show when={state() === 'starting'}>Starting the camera…</Show>
        <Show when={state() === 'scanning'}>Point the camera at the QR code.</Show>
      </p>
      <Show when={devices().length > 1}>
        <div class="add-field">
          <label for={selectId}>Camera</label>
          <select
            id={selectId}
            value={deviceId()}
            onChange={(e) => {
              setDeviceId(e.currentTarget.value);
              void start(e.currentTarget.value);
            }}
          >
            <For each={devices()}>{(d, i) => <option value={d.deviceId}>{d.label || `Camera ${i() + 1}`}</option>}</For>
          </select>
        </div>
      </Show>
      <Show when={state() === 'failed'}>
        <div class="add-actions">
          <button type="button" class="add-button" onClick={() => props.onUse('image')}>
            Use an image
          </button>
          <button type="button" class="add-button add-button-quiet" onClick={() => props.onUse('key')}>
            Type the setup key
          </button>
          <button type="button" class="add-button add-button-quiet" onClick={() => void start(deviceId())}>
            Try again
          </button>
        </div>
      </Show>
    </div>
  );
}

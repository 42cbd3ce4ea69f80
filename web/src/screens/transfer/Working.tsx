import { createSignal, onCleanup } from 'solid-js';
import { Progress } from '../../components/Progress.tsx';

// A long step (a key derivation can take seconds) with the time it has taken so far and a way
// out: Cancel ends the worker, which is the only way to stop a derivation.
export function Working(props: { label: string; onCancel: () => void }) {
  const started = Date.now();
  const [seconds, setSeconds] = createSignal(0);
  const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
  onCleanup(() => clearInterval(timer));
  return (
    <div class="transfer-working">
      <Progress fraction={null} label={seconds() >= 2 ? `${props.label} ${seconds()} s` : props.label} />
      <button type="button" class="button" onClick={() => props.onCancel()}>
        Cancel
      </button>
    </div>
  );
}

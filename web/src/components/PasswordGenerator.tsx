import { createSignal, For } from 'solid-js';
import {
  GENERATOR_DEFAULTS,
  GENERATOR_MAX_LENGTH,
  GENERATOR_MIN_LENGTH,
  generatePassword,
  type GeneratorOptions,
} from '../lib/password-generator.ts';
import { Icon } from './icons.tsx';

const SETS: { key: 'lower' | 'upper' | 'digits' | 'symbols'; label: string }[] = [
  { key: 'lower', label: 'a–z' },
  { key: 'upper', label: 'A–Z' },
  { key: 'digits', label: '0–9' },
  { key: 'symbols', label: '!#$…' },
];

export function PasswordGenerator(props: { onUse: (password: string) => void; onClose: () => void }) {
  const [options, setOptions] = createSignal<GeneratorOptions>({ ...GENERATOR_DEFAULTS });
  const [value, setValue] = createSignal(generatePassword(GENERATOR_DEFAULTS));
  const update = (patch: Partial<GeneratorOptions>) => {
    const next = { ...options(), ...patch };
    if (!next.lower && !next.upper && !next.digits && !next.symbols) return;
    setOptions(next);
    setValue(generatePassword(next));
  };
  return (
    <div class="generator" role="group" aria-label="Password generator">
      <output class="generator-value mono" aria-live="polite">
        {value()}
      </output>
      <div class="generator-row">
        <label for="generator-length">
          Length <strong>{options().length}</strong>
        </label>
        <input
          id="generator-length"
          type="range"
          min={GENERATOR_MIN_LENGTH}
          max={64}
          value={options().length}
          onInput={(e) => update({ length: Math.min(Number(e.currentTarget.value), GENERATOR_MAX_LENGTH) })}
        />
      </div>
      <div class="generator-row generator-sets">
        <For each={SETS}>
          {(set) => (
            <label class="check">
              <input
                type="checkbox"
                checked={options()[set.key]}
                onChange={(e) => {
                  update({ [set.key]: e.currentTarget.checked });
                  e.currentTarget.checked = options()[set.key];
                }}
              />
              <span>{set.label}</span>
            </label>
          )}
        </For>
      </div>
      <div class="generator-actions">
        <button type="button" class="button" onClick={() => setValue(generatePassword(options()))}>
          <Icon name="refresh" /> Another
        </button>
        <button type="button" class="button" onClick={() => props.onClose()}>
          Close
        </button>
        <button type="button" class="button button-primary" onClick={() => props.onUse(value())}>
          Use this password
        </button>
      </div>
    </div>
  );
}

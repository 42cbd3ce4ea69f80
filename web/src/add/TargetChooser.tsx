import type { RecordView } from '@tessera/core/vault/record';
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { displayName } from '../lib/record-list.ts';
import { filterRecords, urlHost, type Suggestion } from './suggest.ts';

// Where the new OTP goes: into a record that already exists (those that look like the OTP's
// site first) or into a new record. Plain radio buttons: arrow keys move between them and a
// screen reader announces "Save to, radio group".

export type Target = { recordId: string } | { newRecord: true };

const MAX_LISTED = 50;

function recordDetail(record: RecordView): string {
  return [urlHost(record.url), record.username.trim()].filter((s) => s !== '').join(' · ');
}

function ReplaceNote(props: { record: RecordView }) {
  return (
    <Show when={props.record.otp}>
      {(otp) => (
        <span class="add-target-warning">
          Already has a code{otp().issuer ? ` (${otp().issuer})` : ''}: saving replaces it.
        </span>
      )}
    </Show>
  );
}

export function TargetChooser(props: {
  records: RecordView[];
  suggestions: Suggestion[];
  target: Target;
  onChange: (target: Target) => void;
}) {
  const name = createUniqueId();
  const searchId = createUniqueId();
  const [query, setQuery] = createSignal('');
  const [browsing, setBrowsing] = createSignal(false);
  const suggestedIds = createMemo(() => new Set(props.suggestions.map((s) => s.record.id)));
  const chosenId = () => ('recordId' in props.target ? props.target.recordId : null);
  // The chosen record stays listed while the user types a query it no longer matches.
  const others = createMemo(() => {
    const listed = filterRecords(props.records, query()).filter((r) => !suggestedIds().has(r.id));
    const chosen = props.records.find((r) => r.id === chosenId());
    return chosen && !suggestedIds().has(chosen.id) && !listed.includes(chosen) ? [chosen, ...listed] : listed;
  });
  const isNew = () => 'newRecord' in props.target;
  const hasOthers = () => props.records.some((r) => !r.deleted && !suggestedIds().has(r.id));

  const option = (record: RecordView, suggested: boolean) => (
    <label class="add-target-option" classList={{ 'add-target-suggested': suggested }}>
      <input
        type="radio"
        name={name}
        value={record.id}
        checked={chosenId() === record.id}
        onChange={() => props.onChange({ recordId: record.id })}
      />
      <span class="add-target-text">
        <span class="add-target-title">
          Add to “{displayName(record)}”
          <Show when={suggested}>
            <span class="add-target-badge">Suggested</span>
          </Show>
        </span>
        <Show when={recordDetail(record)}>
          <span class="add-target-detail">{recordDetail(record)}</span>
        </Show>
        <ReplaceNote record={record} />
      </span>
    </label>
  );

  // With no suggestion there is nothing to choose between until the user asks for another
  // record: no lone "Create a new record" radio, just the way to pick one (if there are any).
  const choosing = () => props.suggestions.length > 0 || browsing();

  return (
    <Show
      when={choosing()}
      fallback={
        <Show when={hasOthers()}>
          <button type="button" class="add-link-button" onClick={() => setBrowsing(true)}>
            Add to another record…
          </button>
        </Show>
      }
    >
      <fieldset class="add-target">
        <legend>Save to</legend>
        <For each={props.suggestions}>{(s) => option(s.record, true)}</For>
        <label class="add-target-option">
          <input
            type="radio"
            name={name}
            value="new"
            checked={isNew()}
            onChange={() => props.onChange({ newRecord: true })}
          />
          <span class="add-target-text">
            <span class="add-target-title">Create a new record</span>
          </span>
        </label>
        <Show when={hasOthers()}>
          <Show
            when={browsing()}
            fallback={
              <button type="button" class="add-link-button" onClick={() => setBrowsing(true)}>
                Add to another record…
              </button>
            }
          >
            <div class="add-target-browse">
              <div class="add-field">
                <label for={searchId}>Find a record</label>
                <input
                  id={searchId}
                  type="search"
                  autocomplete="off"
                  value={query()}
                  onInput={(e) => setQuery(e.currentTarget.value)}
                  ref={(el) => queueMicrotask(() => el.focus())}
                />
              </div>
              <div class="add-target-list">
                <For each={others().slice(0, MAX_LISTED)} fallback={<p class="add-muted">No record matches.</p>}>
                  {(record) => option(record, false)}
                </For>
                <Show when={others().length > MAX_LISTED}>
                  <p class="add-muted">{others().length - MAX_LISTED} more; type to narrow the list.</p>
                </Show>
              </div>
            </div>
          </Show>
        </Show>
      </fieldset>
    </Show>
  );
}

/** Where a new OTP goes unless the user says otherwise: the best suggestion that has no code
 *  yet (saving over a code must be a deliberate choice), else a new record. */
export function initialTarget(suggestions: readonly Suggestion[]): Target {
  const first = suggestions[0];
  return first && first.record.otp === null ? { recordId: first.record.id } : { newRecord: true };
}

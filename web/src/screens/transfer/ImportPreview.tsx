import { createMemo, createSignal, For, Index, Show } from 'solid-js';
import { chooseAll, chooseEntry, planCounts, type ImportPlan, type PlannedEntry } from '@tessera/core/transfer/plan';
import type { ImportProblem } from '@tessera/core/transfer/types';
import { otpSettingsLabel } from '../../add/describe-otp.ts';
import { problemWords } from './messages.ts';
import { formatName, plural } from './names.ts';

// The preview before anything is written: what will be added (ticked), what is already in the
// vault or twice in the file (unticked until the user ticks it), and what could not be read.

/** Rows rendered at first: a 10,000-entry file must not build 10,000 rows before it can be used. */
const FIRST_ROWS = 200;

export function ImportPreview(props: {
  plan: ImportPlan;
  source: string;
  saving: boolean;
  /** "Cancel" on the Import screen; "Back" where the review returns to a field to edit. */
  cancelLabel?: string;
  onChange: (plan: ImportPlan) => void;
  onCancel: () => void;
  onImport: () => void;
}) {
  const [shown, setShown] = createSignal(FIRST_ROWS);
  const counts = createMemo(() => planCounts(props.plan));
  const lost = createMemo(() => props.plan.problems.filter((problem) => !problem.imported));
  const notes = createMemo(() => props.plan.problems.filter((problem) => problem.imported));
  const rows = createMemo(() => props.plan.entries.slice(0, shown()));

  return (
    <form
      class="transfer-preview"
      aria-labelledby="transfer-preview-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!props.saving && counts().add > 0) props.onImport();
      }}
    >
      <h1 id="transfer-preview-title" tabIndex={-1} ref={(el) => queueMicrotask(() => el.focus())}>
        Review the import
      </h1>
      <p class="muted">
        {formatName(props.plan.format)} · {props.source}
      </p>
      <ul class="transfer-counts" aria-label="Summary">
        <li>
          <strong>{counts().add}</strong> to add
        </li>
        <Show when={counts().duplicates > 0}>
          <li>
            <strong>{counts().duplicates}</strong> already there
          </li>
        </Show>
        <Show when={counts().problems > 0}>
          <li class="transfer-count-problem">
            <strong>{counts().problems}</strong> could not be read
          </li>
        </Show>
      </ul>

      <Show
        when={props.plan.entries.length > 0}
        fallback={<p class="muted">The file holds nothing Tessera can import.</p>}
      >
        <div class="transfer-select" role="group" aria-label="Select entries">
          <button
            type="button"
            class="link-button"
            disabled={props.saving || counts().add === props.plan.entries.length}
            onClick={() => props.onChange(chooseAll(props.plan, true))}
          >
            Select all
          </button>
          <button
            type="button"
            class="link-button"
            disabled={props.saving || counts().add === 0}
            onClick={() => props.onChange(chooseAll(props.plan, false))}
          >
            Select none
          </button>
        </div>
        <ul class="transfer-entries" aria-label="Entries">
          {/* Index, not For: ticking replaces the entry's object, and the row (with the focus on
              its checkbox) must stay. */}
          <Index each={rows()}>
            {(planned) => (
              <EntryRow
                planned={planned()}
                disabled={props.saving}
                onChoose={(add) => props.onChange(chooseEntry(props.plan, planned().index, add))}
              />
            )}
          </Index>
        </ul>
        <Show when={shown() < props.plan.entries.length}>
          <button type="button" class="button" onClick={() => setShown(props.plan.entries.length)}>
            Show all {props.plan.entries.length} entries
          </button>
        </Show>
      </Show>

      <Show when={lost().length > 0}>
        <section class="transfer-problems" aria-labelledby="transfer-lost-title">
          <h2 id="transfer-lost-title">Could not be read ({lost().length})</h2>
          <p class="muted">These stay out of the vault. The rest imports.</p>
          <ul>
            <For each={lost()}>{(problem) => <ProblemRow problem={problem} />}</For>
          </ul>
        </section>
      </Show>
      <Show when={notes().length > 0}>
        <section class="transfer-problems transfer-notes" aria-labelledby="transfer-notes-title">
          <h2 id="transfer-notes-title">Imported without a part ({notes().length})</h2>
          <ul>
            <For each={notes()}>{(problem) => <ProblemRow problem={problem} />}</For>
          </ul>
        </section>
      </Show>

      {/* Sticky at the bottom of the screen: on a phone a long list does not hide Import. */}
      <div class="transfer-actions transfer-actions-sticky">
        <button type="button" class="button" onClick={() => props.onCancel()} disabled={props.saving}>
          {props.cancelLabel ?? 'Cancel'}
        </button>
        <button
          type="submit"
          class="button button-primary"
          disabled={props.saving || counts().add === 0}
          aria-busy={props.saving}
        >
          {props.saving ? 'Importing…' : `Import ${plural(counts().add, 'entry', 'entries')}`}
        </button>
      </div>
    </form>
  );
}

function EntryRow(props: { planned: PlannedEntry; disabled: boolean; onChoose: (add: boolean) => void }) {
  const entry = () => props.planned.entry;
  const title = () => entry().login?.title.trim() ?? '';
  const duplicate = () => {
    const of = props.planned.duplicateOf;
    if (of === null) return null;
    return of.kind === 'record' ? `Already in your vault as “${of.label}”` : `Also entry ${of.index + 1} of this file`;
  };
  return (
    <li
      class="transfer-entry"
      classList={{ 'transfer-entry-duplicate': props.planned.duplicateOf !== null }}
      data-index={props.planned.index}
    >
      <label>
        <input
          type="checkbox"
          checked={props.planned.add}
          disabled={props.disabled}
          onChange={(e) => props.onChoose(e.currentTarget.checked)}
        />
        <span class="transfer-entry-text">
          <span class="transfer-entry-name">{props.planned.label || 'Unnamed entry'}</span>
          <Show when={title() !== '' && title() !== props.planned.label}>
            <span class="transfer-entry-sub">Login “{title()}”</span>
          </Show>
          <span class="transfer-entry-sub">
            {entry().otp ? otpSettingsLabel(entry().otp!) : 'Login without a code'}
            <Show when={entry().login?.username}>{(username) => <> · {username()}</>}</Show>
          </span>
          <Show when={duplicate()}>{(text) => <span class="transfer-entry-flag">{text()}</span>}</Show>
        </span>
      </label>
    </li>
  );
}

function ProblemRow(props: { problem: ImportProblem }) {
  const where = () =>
    props.problem.label || (props.problem.index >= 0 ? `Entry ${props.problem.index + 1}` : 'The file');
  return (
    <li>
      <strong>{where()}</strong> — {problemWords(props.problem)}
    </li>
  );
}

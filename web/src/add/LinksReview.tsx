import type { ImportPlan } from '@tessera/core/transfer/plan';
import { createSignal, Match, onMount, Show, Switch } from 'solid-js';
import { ImportPreview } from '../screens/transfer/ImportPreview.tsx';
import { describeTransferProblem, type TransferProblem } from '../screens/transfer/messages.ts';
import { ProblemBox } from '../screens/transfer/ProblemBox.tsx';
import '../screens/transfer/transfer.css';
import { useTransfer } from '../screens/transfer/use-transfer.ts';
import { Working } from '../screens/transfer/Working.tsx';

// Several links pasted at once in Add › Link go through the same reading and review as
// Import › From links: every link gets a row (or a reason it cannot be read), entries already
// in the vault start unticked, and "Import" writes the ticked ones in one transaction.
type Step =
  | { step: 'working' }
  | { step: 'preview'; plan: ImportPlan; saving: boolean; problem: TransferProblem | null }
  | { step: 'refused'; problem: TransferProblem };

export function LinksReview(props: { text: string; onBack: () => void; onImported: (count: number) => void }) {
  const transfer = useTransfer();
  const [step, setStep] = createSignal<Step>({ step: 'working' });

  onMount(async () => {
    try {
      const plan = await transfer.preview({ kind: 'text', text: props.text });
      setStep({ step: 'preview', plan, saving: false, problem: null });
    } catch (error) {
      setStep({ step: 'refused', problem: describeTransferProblem(error) });
    }
  });

  const save = async (plan: ImportPlan) => {
    setStep({ step: 'preview', plan, saving: true, problem: null });
    try {
      const ids = await transfer.add(plan);
      props.onImported(ids.length);
    } catch (error) {
      setStep({ step: 'preview', plan, saving: false, problem: describeTransferProblem(error) });
    }
  };

  // Leaving unmounts this component, and useTransfer ends the worker with it.
  const back = () => props.onBack();

  return (
    <div class="add-links-review">
      <Switch>
        <Match when={step().step === 'working'}>
          <Working label="Reading the links…" onCancel={back} />
        </Match>
        <Match when={step().step === 'refused' && (step() as Extract<Step, { step: 'refused' }>)}>
          {(refused) => (
            <>
              <ProblemBox problem={refused().problem} />
              <div class="add-actions">
                <button type="button" class="add-button" onClick={back}>
                  Back
                </button>
              </div>
            </>
          )}
        </Match>
        <Match when={step().step === 'preview' && (step() as Extract<Step, { step: 'preview' }>)}>
          {(preview) => (
            <>
              <Show when={preview().problem}>{(problem) => <ProblemBox problem={problem()} />}</Show>
              <ImportPreview
                plan={preview().plan}
                source="pasted links"
                saving={preview().saving}
                cancelLabel="Back"
                onChange={(plan) => setStep({ step: 'preview', plan, saving: false, problem: null })}
                onCancel={back}
                onImport={() => void save(preview().plan)}
              />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}

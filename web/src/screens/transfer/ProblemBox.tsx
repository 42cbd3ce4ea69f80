import { Show } from 'solid-js';
import type { TransferProblem } from './messages.ts';

/** A refusal: the sentence, and core's precise text under it when it adds something. */
export function ProblemBox(props: { problem: TransferProblem }) {
  return (
    <div class="transfer-problem" role="alert">
      <p>{props.problem.message}</p>
      <Show when={props.problem.detail}>{(detail) => <p class="transfer-problem-detail">{detail()}</p>}</Show>
    </div>
  );
}

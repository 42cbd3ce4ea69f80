import type { JSX } from 'solid-js';
import { navigate } from '../../app/router.ts';
import { Icon } from '../../components/icons.tsx';
import type { Route } from '../../lib/route.ts';

// The detail bar of these pages: Back goes up one level (to Settings, or to Import / Export),
// not to the codes list as on a record. Going back to the list is what wide screens do not need
// (the list is beside the page); going up from a page of Import / Export they still do.
export function TransferBar(props: {
  title: string;
  back: Route;
  backLabel: string;
  up: boolean;
  children?: JSX.Element;
}) {
  return (
    <header class="detail-bar">
      <button
        type="button"
        class="icon-button"
        classList={{ 'back-button': !props.up }}
        aria-label={props.backLabel}
        onClick={() => navigate(props.back)}
      >
        <Icon name="back" />
      </button>
      <h2 class="detail-bar-title">{props.title}</h2>
      <div class="detail-bar-actions">{props.children}</div>
    </header>
  );
}

import { lazy } from 'solid-js';
import { LazyScreen } from '../../components/LazyScreen.tsx';

// The #/transfer route as the shell mounts it. The screens (and the worker client behind them)
// are their own chunk, fetched when Import / Export is first opened.
const TransferScreen = lazy(() => import('./TransferScreen.tsx'));

export function TransferRoute(props: { path: readonly string[] }) {
  return (
    <LazyScreen>
      <TransferScreen path={props.path} />
    </LazyScreen>
  );
}

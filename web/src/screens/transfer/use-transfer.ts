import { onCleanup } from 'solid-js';
import { useServices, useVault } from '../../app/services.tsx';
import type { TransferService } from '../../services/transfer.ts';

/**
 * The transfer service of one visit to Import / Export. Its worker ends with the screen (leaving,
 * or locking, which unmounts every screen), so nothing a file held outlives it there.
 */
export function useTransfer(): TransferService {
  const transfer = useServices().openTransfer(useVault());
  onCleanup(() => transfer.close());
  return transfer.service;
}

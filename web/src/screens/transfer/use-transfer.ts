import { onCleanup } from 'solid-js';
import { useVault } from '../../app/services.tsx';
import { createTransferClient } from '../../services/transfer-client.ts';
import { createTransferService, readVaultMeta, type TransferService } from '../../services/transfer.ts';

/**
 * The transfer service of one visit to Import / Export. Its worker ends with the screen (leaving,
 * or locking, which unmounts every screen), so nothing a file held outlives it there.
 */
export function useTransfer(): TransferService {
  const client = createTransferClient();
  onCleanup(() => client.cancel());
  return createTransferService({ client, store: useVault(), vaultMeta: readVaultMeta });
}

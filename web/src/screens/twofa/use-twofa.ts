import { useServices } from '../../app/services.tsx';
import { AccountError } from '../../services/account-keys.ts';
import { createCryptoClient } from '../../services/crypto-client.ts';
import { api } from '../../services/sync/api.ts';
import { createTwoFactor, type TwoFactorService } from '../../services/twofa.ts';

// The services context has no crypto client to share, so this screen keeps its own (its worker
// starts only when a password is first checked here, and stays for the next check).
const crypto = createCryptoClient();

export function useTwoFactor(): TwoFactorService {
  const { account } = useServices();
  const token = () => {
    const current = account.account()?.token;
    if (!current) throw new AccountError('signed-out', 'This device is not signed in to sync.');
    return current;
  };
  return createTwoFactor({ token, api, crypto });
}

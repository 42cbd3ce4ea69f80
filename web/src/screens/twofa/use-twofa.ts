import type { TwoFactorService } from '../../services/twofa.ts';
import { useServices } from '../../app/services.tsx';

export function useTwoFactor(): TwoFactorService {
  return useServices().twoFactor;
}

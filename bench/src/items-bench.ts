import { openItem, sealItem } from '@tessera/core/crypto/item';
import { randomId } from '@tessera/core/crypto/random';
import { createVaultKey } from '@tessera/core/crypto/vault-key';
import { type Row } from './measure.ts';

const ITEMS = 10_000;

// About 300 bytes of JSON, the size of a login with an OTP attached; it pads to 512 bytes.
function sampleRecord(i: number): Uint8Array {
  const at = '0001700000000000-0000-device01';
  const record = {
    title: { value: `Example service ${i}`, at },
    username: { value: `user${i}@example.com`, at },
    otp: { value: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 }, at },
    rev: 1,
  };
  return new TextEncoder().encode(JSON.stringify(record));
}

function rate(ms: number): string {
  return `${Math.round((ITEMS / ms) * 1000).toLocaleString('en')} items/s`;
}

export function itemRows(): Row[] {
  const vaultKey = createVaultKey();
  const vaultId = randomId();
  const records = Array.from({ length: ITEMS }, (_, i) => ({ id: randomId(), bytes: sampleRecord(i) }));
  const averageBytes = Math.round(records.reduce((n, r) => n + r.bytes.length, 0) / ITEMS);

  let start = performance.now();
  const envelopes = records.map((r) => sealItem(vaultKey, vaultId, r.id, r.bytes));
  const sealMs = performance.now() - start;

  start = performance.now();
  const opened = records.map((r, i) => openItem(vaultKey, vaultId, r.id, envelopes[i] as Uint8Array));
  const openMs = performance.now() - start;

  for (let i = 0; i < ITEMS; i++) {
    if (Buffer.compare(opened[i] as Uint8Array, (records[i] as { bytes: Uint8Array }).bytes) !== 0)
      throw new Error(`item ${i} did not round-trip`);
  }
  const params = `${averageBytes}-byte record -> ${(envelopes[0] as Uint8Array).length}-byte envelope`;
  return [
    {
      task: `seal ${ITEMS.toLocaleString('en')} items`,
      implementation: 'sealItem (XChaCha20-Poly1305)',
      params,
      ms: sealMs,
      rate: rate(sealMs),
    },
    {
      task: `open ${ITEMS.toLocaleString('en')} items`,
      implementation: 'openItem (XChaCha20-Poly1305)',
      params,
      ms: openMs,
      rate: rate(openMs),
    },
  ];
}

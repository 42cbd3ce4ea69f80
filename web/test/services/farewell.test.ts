import { describe, expect, it } from 'vitest';
import { leaveFarewell, takeFarewell } from '../../src/services/farewell.ts';

// A Storage as the browser's localStorage behaves: strings in, strings out.
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('the message a device leaves itself when it removes its vault', () => {
  it('is taken once, with its kind and time', () => {
    const storage = memoryStorage();
    leaveFarewell(storage, 'erased', 1_765_000_000_000);
    expect(takeFarewell(storage)).toEqual({ kind: 'erased', at: 1_765_000_000_000 });
    expect(takeFarewell(storage)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('holds nothing but the kind and the time', () => {
    const storage = memoryStorage();
    leaveFarewell(storage, 'removed', 5);
    expect(JSON.parse(storage.getItem(storage.key(0)!)!)).toEqual({ kind: 'removed', at: 5 });
  });

  it('counts a malformed or foreign value as none, and removes it', () => {
    for (const text of ['', 'not json', 'null', '{"kind":"wiped","at":1}', '{"kind":"erased","at":"soon"}']) {
      const storage = memoryStorage();
      storage.setItem('tessera:farewell', text);
      expect(takeFarewell(storage), text).toBeNull();
      expect(storage.length, text).toBe(0);
    }
  });

  it('leaves and takes nothing where storage is turned off or refuses', () => {
    expect(() => leaveFarewell(null, 'erased')).not.toThrow();
    expect(takeFarewell(null)).toBeNull();
    const refusing = memoryStorage();
    refusing.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    refusing.getItem = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    expect(() => leaveFarewell(refusing, 'removed')).not.toThrow();
    expect(takeFarewell(refusing)).toBeNull();
  });
});

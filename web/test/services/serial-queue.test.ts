import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../src/services/serial-queue.ts';

describe('createSerialQueue', () => {
  it('runs each task after the previous one settled, in the order given', async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run(async () => {
      log.push('first starts');
      await gate;
      log.push('first ends');
      return 1;
    });
    const second = queue.run(async () => {
      log.push('second');
      return 2;
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['first starts', 'first ends', 'second']);
  });

  it('goes on after a task fails, and the failure reaches only its caller', async () => {
    const queue = createSerialQueue();
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'still runs');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('still runs');
  });
});

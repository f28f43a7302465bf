import { describe, expect, it } from 'vitest';
import { freshReads } from './fresh-reads.ts';

/** A stored value and reads of it that take their snapshot when they start and answer when told. */
function slowStore() {
  const store = { value: 1, started: 0, pending: [] as Array<{ answer: () => void; fail: (error: Error) => void }> };
  const read = () => {
    store.started++;
    const snapshot = store.value;
    return new Promise<number>((resolve, reject) => store.pending.push({ answer: () => resolve(snapshot), fail: reject }));
  };
  const answerAll = async () => {
    while (store.pending.length > 0) {
      store.pending.shift()!.answer();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { store, read, answerAll };
}

describe('freshReads', () => {
  it('gives a caller who comes while a read is under way a read begun after the call, so it sees a write committed just before it', async () => {
    const { store, read, answerAll } = slowStore();
    const get = freshReads(read);
    const early = get();
    store.value = 2;
    const late = get();
    await answerAll();
    expect(await early).toBe(1);
    expect(await late).toBe(2);
  });

  it('serves everyone who came during one read with one next read', async () => {
    const { store, read, answerAll } = slowStore();
    const get = freshReads(read);
    const first = get();
    const waiting = Array.from({ length: 31 }, () => get());
    await answerAll();
    await Promise.all([first, ...waiting]);
    expect(store.started).toBe(2);
    const after = get();
    await answerAll();
    await after;
    expect(store.started).toBe(3);
  });

  it('passes a failed read on to its callers, and the next call reads again', async () => {
    const { store, read, answerAll } = slowStore();
    const get = freshReads(read);
    const failing = get();
    const waiting = get();
    store.pending.shift()!.fail(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    await answerAll();
    expect(await waiting).toBe(1);
    const again = get();
    await answerAll();
    expect(await again).toBe(1);
    expect(store.started).toBe(3);
  });
});

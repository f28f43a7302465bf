/**
 * Shares one read among callers without ever handing a caller a read that began before it did:
 * a caller arriving while a read is under way waits for the next one, which starts when that read
 * ends and serves everyone who arrived meanwhile. So each caller sees every write committed before
 * its call — what reading for itself would give — while under load the reads number about one per
 * round trip instead of one per caller.
 */
export function freshReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const current = read();
    running = current;
    const settled = () => {
      if (running === current) running = null;
    };
    current.then(settled, settled);
    return current;
  };
  return () => {
    if (!running) return start();
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}

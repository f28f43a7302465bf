/** A background job: an idempotent pass run every `intervalMs`, safe to run in several processes. */
export type JobDefinition = {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
};

export type RunningJob = { name: string; stop: () => Promise<void>; kick: () => void };

/**
 * Runs a job until stopped. A failing pass is logged and retried on the next tick; passes never
 * overlap within a process. `kick` starts the next pass now (a mail was just queued).
 */
export function startJob(job: JobDefinition, log: (message: string, error: unknown) => void): RunningJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;

  const pass = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = job
      .run()
      .then(() => undefined, (error) => log(`job ${job.name} failed`, error))
      .finally(() => {
        running = undefined;
        if (stopped) return;
        if (again) {
          again = false;
          void pass();
        } else {
          timer = setTimeout(pass, job.intervalMs);
        }
      });
  };
  timer = setTimeout(pass, 0);

  return {
    name: job.name,
    kick: () => void pass(),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * Runs a background task every `everyMs` until stopped; stopping waits for a run in progress, so a closing server
 * never pulls the database from under it. A failure is reported and the next run goes on.
 */
export function repeat(task: () => Promise<unknown>, everyMs: number, onError: (error: unknown) => void) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = task().catch(onError);
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

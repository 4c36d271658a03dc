/**
 * A response body of JSON lines written as work goes on (an import's progress, then its summary). `run` gets `send`
 * and must settle without throwing; the body ends when it does. A caller who goes away does not stop the work: its
 * lines just have nowhere to go.
 */
export function ndjsonStream<L>(run: (send: (line: L) => void) => Promise<void>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let gone = false;
  return new ReadableStream<Uint8Array>({
    cancel() {
      gone = true;
    },
    start(controller) {
      const send = (line: L) => {
        if (gone) return;
        try {
          controller.enqueue(encoder.encode(JSON.stringify(line) + '\n'));
        } catch {
          gone = true;
        }
      };
      void run(send)
        .catch(() => {})
        .finally(() => {
          if (!gone) controller.close();
        });
    },
  });
}

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/log.ts';
import { coverageFollower } from './coverage-stream.ts';
import { ProgressEvents } from './events.ts';

/** A logger whose warnings are kept, to see what a stream reported. */
function recordingLog() {
  const lines: { msg: string; directiveId: number }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { msg: string; directiveId: number });
      done();
    },
  });
  return { log: createLogger('warn', sink), lines };
}

/** An open stream that records what it was sent. */
const recordingSink = () => {
  const sent: unknown[] = [];
  return { sent, writeSSE: async ({ data }: { event: string; data: string }) => void sent.push(JSON.parse(data)) };
};

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('following coverage on an open stream', () => {
  it('sends a change that happened between listening and the first snapshot, after that snapshot', async () => {
    const events = ProgressEvents.local();
    let n = 0;
    const follower = coverageFollower(events, 7, async () => ({ n: ++n }), recordingLog().log);
    const first = { n: ++n }; // the snapshot read before the stream opens...
    void events.changed([7]); // ...and a change before it has opened
    const sink = recordingSink();
    follower.start(sink, first);
    await follower.stop();
    expect(sink.sent).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('logs a failed update and goes on with the next change instead of rejecting unhandled', async () => {
    const events = ProgressEvents.local();
    const { log, lines } = recordingLog();
    let reads = 0;
    const follower = coverageFollower(
      events,
      9,
      async () => {
        if (++reads === 1) throw new Error('connection terminated');
        return { acked: reads };
      },
      log,
    );
    const sink = recordingSink();
    follower.start(sink, { acked: 0 });
    void events.changed([9]); // this read fails
    await settle();
    void events.changed([9]); // this one is sent
    void events.changed([8]); // another directive: not this stream's
    await settle();
    await follower.stop();
    expect(sink.sent).toEqual([{ acked: 0 }, { acked: 2 }]);
    expect(lines).toMatchObject([{ msg: 'coverage stream: an update was not sent', directiveId: 9 }]);
    void events.changed([9]); // stopped: nothing more is read or sent
    await settle();
    expect(reads).toBe(2);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrame } from './frames';

const text = (value: string) => parseFrame(Buffer.from(value), false);

describe('parseFrame', () => {
  it('never throws, and every refusal carries a code and a message', () => {
    const frames = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({ type: fc.constantFrom('call', 'event', 1), id: fc.jsonValue(), name: fc.jsonValue() })
        .map((f) => JSON.stringify(f)),
    );
    fc.assert(
      fc.property(frames, (frame) => {
        const parsed = text(frame);
        if (parsed.kind === 'refuse-frame') {
          expect(['bad_frame', 'bad_id']).toContain(parsed.frame.code);
          expect(parsed.frame.message.length).toBeGreaterThan(10);
        }
        if (parsed.kind !== 'refuse-frame')
          expect(Number.isSafeInteger(parsed.kind === 'call' ? parsed.call.id : parsed.id)).toBe(true);
      }),
      { seed: 12, numRuns: 2_000 },
    );
  });

  it('any non-negative safe integer id is taken as it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (id) => {
        const parsed = text(JSON.stringify({ type: 'call', id, name: 'bots:list', input: {} }));
        expect(parsed).toEqual({ kind: 'call', call: { id, name: 'bots:list', input: {} } });
      }),
      { seed: 12 },
    );
  });

  it('reads fragmented frames (ws hands those over as a list of buffers)', () => {
    const parsed = parseFrame([Buffer.from('{"type":"call","id":4,'), Buffer.from('"name":"app:info"}')], false);
    expect(parsed).toEqual({ kind: 'call', call: { id: 4, name: 'app:info', input: undefined } });
  });
});

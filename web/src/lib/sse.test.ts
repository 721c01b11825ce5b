// Goal: the live stream's hand-written event-stream parser follows the standard whatever way the
// bytes are cut (chunks split mid-line, CRLF split across chunks, comments, multi-line data), and
// the reconnect delay backs off, is capped, honours the server and spreads tabs apart.
import { describe, expect, it } from 'vitest';
import { reconnectDelayMs, RECONNECT_MAX_MS, SseParser, SSE_MESSAGE_CHARS_MAX } from './sse';

const STREAM =
  'retry: 2000\nevent: ready\nid: 41\ndata: {"lastEventId":"41"}\n\n' +
  ': keepalive\n\n' +
  'id: 42\nevent: transfer.updated\ndata: {"transferId":"t1",\ndata: "status":"HELD"}\n\n';

function all(chunks: string[]) {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

describe('SseParser', () => {
  it('reads events, ids, retry and multi-line data, and skips comments', () => {
    expect(all([STREAM])).toEqual([
      { event: 'ready', id: '41', data: '{"lastEventId":"41"}', retryMs: 2000 },
      {
        event: 'transfer.updated',
        id: '42',
        data: '{"transferId":"t1",\n"status":"HELD"}',
        retryMs: undefined,
      },
    ]);
  });

  it('gives the same messages whatever the chunk boundaries', () => {
    const whole = all([STREAM]);
    for (let size = 1; size <= 7; size += 1) {
      const chunks = STREAM.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
      expect(all(chunks)).toEqual(whole);
    }
  });

  it('accepts CRLF and CR line ends, a CRLF split across chunks included', () => {
    const crlf = STREAM.replaceAll('\n', '\r\n');
    expect(all([crlf])).toEqual(all([STREAM]));
    const cut = crlf.indexOf('\r\n') + 1;
    expect(all([crlf.slice(0, cut), crlf.slice(cut)])).toEqual(all([STREAM]));
    expect(all([STREAM.replaceAll('\n', '\r')])).toEqual(all([STREAM]));
  });

  it('names a message without an event "message", and dispatches nothing without data', () => {
    expect(all(['data: x\n\n'])).toEqual([
      { event: 'message', id: undefined, data: 'x', retryMs: undefined },
    ]);
    expect(all(['event: ready\nid: 1\n\n'])).toEqual([]);
    expect(all(['data: incomplete'])).toEqual([]);
  });

  it('drops a message larger than its bound and carries on', () => {
    const huge = `data: ${'x'.repeat(SSE_MESSAGE_CHARS_MAX + 1)}\n\n`;
    expect(all([huge, 'data: after\n\n']).map((message) => message.data)).toEqual(['after']);
  });
});

describe('reconnectDelayMs', () => {
  const middle = () => 0.5;
  it('doubles per failure in a row, from about a second, up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 50].map((failures) => reconnectDelayMs(failures, () => 0.999999));
    expect(delays.slice(0, 5)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(delays.at(-1)).toBe(RECONNECT_MAX_MS);
    expect(reconnectDelayMs(0, () => 0.999999)).toBe(1_000);
  });

  it('spreads tabs over the upper half of the range', () => {
    expect(reconnectDelayMs(3, () => 0)).toBe(2_000);
    expect(reconnectDelayMs(3, middle)).toBe(3_000);
  });

  it('never comes back sooner than the server asked (Retry-After), within reason', () => {
    expect(reconnectDelayMs(1, middle, 5_000)).toBe(5_000);
    expect(reconnectDelayMs(1, middle, 10 * 60_000)).toBe(RECONNECT_MAX_MS * 4);
  });
});

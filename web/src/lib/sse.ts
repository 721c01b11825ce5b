/**
 * Server-sent events read by hand: the live stream (GET /v1/events) needs an Authorization header,
 * which EventSource cannot send, so the browser reads it with fetch() and this parser. It follows
 * the HTML standard's event-stream rules (fields `event`, `data`, `id`, `retry`; comment lines
 * starting with ":"; LF, CRLF or CR line ends; a blank line dispatches) and is pure, so it is
 * tested without a network. Also the reconnect delay, shared by every live stream of the app.
 */

export interface SseMessage {
  /** The `event` field, "message" when absent. */
  event: string;
  /** The `data` lines joined by "\n". */
  data: string;
  /** The `id` field of this message, if it had one. */
  id: string | undefined;
  /** A `retry` field: the reconnect delay the server asks for, in milliseconds. */
  retryMs: number | undefined;
}

/** A message larger than this is dropped (and the parser resynchronises at the next blank line). */
export const SSE_MESSAGE_CHARS_MAX = 1_000_000;

/** Turns chunks of an event stream, as they arrive, into whole messages. */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #dataChars = 0;
  #id: string | undefined;
  #retryMs: number | undefined;
  /** The last CR ended a line; a following LF belongs to it (CRLF split across chunks). */
  #pendingCr = false;

  /** Feeds decoded text; answers the messages it completed, in order. */
  push(chunk: string): SseMessage[] {
    const messages: SseMessage[] = [];
    let text = chunk;
    if (this.#pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.#pendingCr = false;
    this.#buffer += text;
    for (;;) {
      const end = this.#buffer.search(/\r\n|\r|\n/);
      if (end < 0) break;
      const line = this.#buffer.slice(0, end);
      const isCrlf = this.#buffer.startsWith('\r\n', end);
      // A CR at the very end may be the first half of a CRLF still on its way.
      if (!isCrlf && this.#buffer[end] === '\r' && end === this.#buffer.length - 1) this.#pendingCr = true;
      this.#buffer = this.#buffer.slice(end + (isCrlf ? 2 : 1));
      const message = this.#line(line);
      if (message) messages.push(message);
    }
    if (this.#buffer.length > SSE_MESSAGE_CHARS_MAX) this.#reset();
    return messages;
  }

  #line(line: string): SseMessage | undefined {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') {
      this.#dataChars += value.length;
      if (this.#dataChars <= SSE_MESSAGE_CHARS_MAX) this.#data.push(value);
    } else if (field === 'id' && !value.includes('\0')) this.#id = value;
    else if (field === 'retry' && /^\d{1,9}$/.test(value)) this.#retryMs = Number(value);
    return undefined;
  }

  #dispatch(): SseMessage | undefined {
    const tooLarge = this.#dataChars > SSE_MESSAGE_CHARS_MAX;
    const message: SseMessage = {
      event: this.#event || 'message',
      data: this.#data.join('\n'),
      id: this.#id,
      retryMs: this.#retryMs,
    };
    const hasData = this.#data.length > 0;
    this.#event = '';
    this.#data = [];
    this.#dataChars = 0;
    this.#id = undefined;
    this.#retryMs = undefined;
    // The standard dispatches nothing for a block without data (a bare `retry:` still counts).
    if (tooLarge) return undefined;
    return hasData || message.retryMs !== undefined ? message : undefined;
  }

  #reset(): void {
    this.#buffer = '';
    this.#event = '';
    this.#data = [];
    this.#dataChars = 0;
  }
}

/** The first reconnect waits about this long; each failure in a row doubles it, up to the maximum. */
export const RECONNECT_INITIAL_MS = 1_000;
export const RECONNECT_MAX_MS = 30_000;

/**
 * How long to wait before reconnect attempt `failures` (1 for the first failure in a row):
 * exponential from RECONNECT_INITIAL_MS, capped at RECONNECT_MAX_MS, never below what the server
 * asked for (`retry:` or Retry-After), and drawn from the upper half of the range (`random` in
 * [0, 1)) so that many tabs do not reconnect in step after an outage.
 */
export function reconnectDelayMs(failures: number, random: () => number, serverMs = 0): number {
  const attempt = Math.max(1, Math.min(failures, 30));
  const nominalMs = Math.min(RECONNECT_MAX_MS, RECONNECT_INITIAL_MS * 2 ** (attempt - 1));
  const jittered = Math.round(nominalMs * (0.5 + random() / 2));
  return Math.max(jittered, Math.min(serverMs, RECONNECT_MAX_MS * 4));
}

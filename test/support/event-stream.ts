/**
 * A client of the live event stream (GET /v1/events) for tests and benchmarks: parses the
 * server-sent events as they arrive and waits for the ones asked for.
 */
export interface LiveEvent {
  id: string | undefined;
  event: string;
  data: Record<string, string>;
}

/** An open stream of GET /v1/events: its events as they arrive, parsed. */
export class EventStream {
  readonly events: LiveEvent[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly abort = new AbortController();
  private reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  ended = false;

  /** Opens a stream with `request` (fetch of the API's /v1/events, or an in-process app's request). */
  static async open(
    request: (init: RequestInit) => Promise<Response>,
    accessToken: string,
    lastEventId?: string,
  ): Promise<{ response: Response; stream?: EventStream }> {
    const stream = new EventStream();
    const response = await request({
      headers: {
        Authorization: `Bearer ${accessToken}`,
        ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
      },
      signal: stream.abort.signal,
    });
    if (response.status !== 200) return { response };
    void stream.read(response.body!);
    await stream.next((event) => event.event === 'ready');
    return { response, stream };
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = body.getReader();
      this.reader = reader;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => !line.startsWith(':'))
              .map((line) => [
                line.slice(0, line.indexOf(':')),
                line.slice(line.indexOf(':') + 1).trimStart(),
              ]),
          );
          if (fields.data === undefined) continue;
          this.events.push({
            id: fields.id,
            event: fields.event ?? 'message',
            data: JSON.parse(fields.data) as Record<string, string>,
          });
          this.waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // Aborted by close().
    }
    this.ended = true;
    this.waiters.splice(0).forEach((wake) => wake());
  }

  /** Waits for an event matching `match` (already here or to come). */
  async next(match: (event: LiveEvent) => boolean, timeoutMs = 5_000): Promise<LiveEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended without the event; got ${JSON.stringify(this.events)}`);
      if (Date.now() > deadline)
        throw new Error(`no such event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Ends the stream from this side (an in-process app hears it only as the body's cancel). */
  close(): void {
    this.abort.abort();
    void this.reader?.cancel().catch(() => {});
  }
}

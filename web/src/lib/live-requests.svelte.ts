/**
 * The signed-in person's payment requests, both ways (asked of them, and asked by them), kept
 * fresh without a reload: reloaded every few seconds while the tab is visible, and every second
 * while one is being paid, so the payer sees "Paid" soon after paying and the requester soon after
 * the money arrives.
 */
import { api } from './api';
import { isLiveRequest, type PaymentRequest } from './payment-requests';
import { problemMessage } from './problem';
import type { Page } from './transfers';

/** Requests listed per direction (the newest; older ones are settled history). */
export const REQUESTS_PAGE_SIZE = 20;
const TICK_MS = 1_000;
/** Without a payment running, the lists are reloaded at most this often. */
const IDLE_RELOAD_MS = 10_000;

type Direction = PaymentRequest['direction'];

export class LiveRequests {
  incoming = $state<PaymentRequest[]>([]);
  outgoing = $state<PaymentRequest[]>([]);
  loaded = $state(false);
  error = $state('');
  #timer: ReturnType<typeof setInterval> | undefined;
  #loading = false;
  #lastLoadMs = 0;
  readonly #onPaid: (request: PaymentRequest) => void;

  /** @param onPaid called once when a listed request turns PAID (balances changed). */
  constructor(onPaid: (request: PaymentRequest) => void = () => {}) {
    this.#onPaid = onPaid;
  }

  async load(): Promise<void> {
    if (this.#loading) return;
    this.#loading = true;
    try {
      const [incoming, outgoing] = await Promise.all(
        (['incoming', 'outgoing'] as const).map((direction) =>
          api<Page<PaymentRequest>>('GET', `/v1/payment-requests?direction=${direction}&limit=${REQUESTS_PAGE_SIZE}`),
        ),
      );
      const failed = [incoming, outgoing].find((result) => result !== undefined && !result.ok);
      this.error = failed && !failed.ok ? problemMessage(failed.problem) : '';
      if (incoming?.ok) this.#replace('incoming', incoming.data.items);
      if (outgoing?.ok) this.#replace('outgoing', outgoing.data.items);
      this.loaded = true;
    } finally {
      this.#loading = false;
      this.#lastLoadMs = Date.now();
    }
  }

  /** Adds or replaces a request (one just created, paid, declined or cancelled). */
  put(request: PaymentRequest): void {
    const list = this[request.direction];
    const before = list.find((item) => item.id === request.id);
    this[request.direction] = before ? list.map((item) => (item.id === request.id ? request : item)) : [request, ...list];
    this.#noticePaid(before, request);
  }

  start(): void {
    this.stop();
    this.#timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Reloads when a payment is running, or when the lists are older than IDLE_RELOAD_MS; never while hidden. */
  tick(): void {
    if (typeof document !== 'undefined' && document.hidden) return;
    const paying = [...this.incoming, ...this.outgoing].some((request) => request.status === 'PAYING');
    if (paying || Date.now() - this.#lastLoadMs >= IDLE_RELOAD_MS) void this.load();
  }

  #replace(direction: Direction, items: PaymentRequest[]): void {
    const before = new Map(this[direction].map((request) => [request.id, request]));
    this[direction] = items;
    for (const request of items) this.#noticePaid(before.get(request.id), request);
  }

  #noticePaid(before: PaymentRequest | undefined, after: PaymentRequest): void {
    // Only a change seen here counts: a request already paid when first listed moved no money now.
    if (before && isLiveRequest(before.status) && after.status === 'PAID') this.#onPaid(after);
  }
}

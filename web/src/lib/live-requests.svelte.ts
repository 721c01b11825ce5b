/**
 * The signed-in person's payment requests, both ways (asked of them, and asked by them), kept
 * fresh by the tab's event stream: a `payment_request.updated` event refetches that request and
 * puts it in its list, so the payer sees "Paid" as soon as the payment lands and the requester
 * sees it without a reload. No polling: the lists reload only when the stream says data loaded
 * earlier may be stale (onSync).
 */
import { api } from './api';
import type { PaymentRequestChange } from './live-event';
import { isLiveRequest, type PaymentRequest } from './payment-requests';
import { problemMessage } from './problem';
import type { Page } from './transfers';

/** Requests listed per direction (the newest; older ones are settled history). */
export const REQUESTS_PAGE_SIZE = 20;
/** Refetches of changed requests run at most this many at a time. */
const REFETCHES_MAX = 10;

type Direction = PaymentRequest['direction'];

export class LiveRequests {
  incoming = $state<PaymentRequest[]>([]);
  outgoing = $state<PaymentRequest[]>([]);
  loaded = $state(false);
  error = $state('');
  #loading = false;
  #dirty = new Set<string>();
  #refetching = false;
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
          api<Page<PaymentRequest>>(
            'GET',
            `/v1/payment-requests?direction=${direction}&limit=${REQUESTS_PAGE_SIZE}`,
          ),
        ),
      );
      const failed = [incoming, outgoing].find((result) => result !== undefined && !result.ok);
      this.error = failed && !failed.ok ? problemMessage(failed.problem) : '';
      if (incoming?.ok) this.#replace('incoming', incoming.data.items);
      if (outgoing?.ok) this.#replace('outgoing', outgoing.data.items);
      this.loaded = true;
    } finally {
      this.#loading = false;
    }
  }

  /** Adds or replaces a request (one just created, paid, declined or cancelled). */
  put(request: PaymentRequest): void {
    const list = this[request.direction];
    const before = list.find((item) => item.id === request.id);
    // An answer older than what is shown (an event's refetch raced an action's reply) changes nothing.
    if (before && before.updatedAt > request.updatedAt) return;
    this[request.direction] = before
      ? list.map((item) => (item.id === request.id ? request : item))
      : [request, ...list];
    this.#noticePaid(before, request);
  }

  /** The stream said a request of this person changed: refetch it (coalescing bursts of events). */
  changed(event: PaymentRequestChange): void {
    this.#dirty.add(event.requestId);
    void this.#refetch();
  }

  async #refetch(): Promise<void> {
    if (this.#refetching) return;
    this.#refetching = true;
    try {
      while (this.#dirty.size > 0) {
        const ids = [...this.#dirty].slice(0, REFETCHES_MAX);
        for (const id of ids) this.#dirty.delete(id);
        const results = await Promise.all(
          ids.map((id) => api<PaymentRequest>('GET', `/v1/payment-requests/${encodeURIComponent(id)}`)),
        );
        for (const result of results) if (result.ok) this.put(result.data);
      }
    } finally {
      this.#refetching = false;
    }
  }

  #replace(direction: Direction, items: PaymentRequest[]): void {
    const before = new Map(this[direction].map((request) => [request.id, request]));
    this[direction] = items.map((item) => {
      const mine = before.get(item.id);
      return mine && mine.updatedAt > item.updatedAt ? mine : item;
    });
    for (const request of items) this.#noticePaid(before.get(request.id), request);
  }

  #noticePaid(before: PaymentRequest | undefined, after: PaymentRequest): void {
    // Only a change seen here counts: a request already paid when first listed moved no money now.
    if (before && isLiveRequest(before.status) && after.status === 'PAID') this.#onPaid(after);
  }
}

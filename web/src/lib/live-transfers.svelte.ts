/**
 * The signed-in person's recent transfers, kept live: every transfer that is not final is polled
 * (`GET /v1/transfers/:id`) about once a second until it is, and each status change is announced
 * through an aria-live region. Polling pauses while the tab is hidden.
 */
import { api } from './api';
import { formatMoney } from './money';
import { isFinal, kindLabel, statusLabel, upsertTransfer, type Page, type Transfer } from './transfers';

export const POLL_INTERVAL_MS = 1_000;
/** At most this many transfers are polled per tick, so a long list cannot flood the API. */
export const POLLED_TRANSFERS_MAX = 10;
export const TRANSFERS_PAGE_SIZE = 10;

export class LiveTransfers {
  items = $state<Transfer[]>([]);
  nextCursor = $state<string | null>(null);
  loading = $state(false);
  error = $state('');
  /** The latest status change, read out by screen readers. */
  announcement = $state('');
  #timer: ReturnType<typeof setInterval> | undefined;
  #ticking = false;
  readonly #onFinal: (transfer: Transfer) => void;

  /** @param onFinal called once when a polled transfer reaches a final status (balances changed). */
  constructor(onFinal: (transfer: Transfer) => void = () => {}) {
    this.#onFinal = onFinal;
  }

  async load(): Promise<void> {
    this.loading = true;
    const result = await api<Page<Transfer>>('GET', `/v1/transfers?limit=${TRANSFERS_PAGE_SIZE}`);
    this.loading = false;
    if (!result.ok) {
      this.error = result.problem.detail ?? result.problem.title;
      return;
    }
    this.error = '';
    this.items = result.data.items;
    this.nextCursor = result.data.nextCursor;
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loading) return;
    this.loading = true;
    const cursor = encodeURIComponent(this.nextCursor);
    const result = await api<Page<Transfer>>(
      'GET',
      `/v1/transfers?limit=${TRANSFERS_PAGE_SIZE}&cursor=${cursor}`,
    );
    this.loading = false;
    if (!result.ok) {
      this.error = result.problem.detail ?? result.problem.title;
      return;
    }
    let items = this.items;
    for (const transfer of result.data.items) {
      if (!items.some((item) => item.id === transfer.id)) items = [...items, transfer];
    }
    this.items = items;
    this.nextCursor = result.data.nextCursor;
  }

  /** Adds or replaces a transfer (for example the one a form just started). */
  put(transfer: Transfer): void {
    this.items = upsertTransfer(this.items, transfer);
  }

  start(): void {
    this.stop();
    this.#timer = setInterval(() => void this.tick(), POLL_INTERVAL_MS);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** One polling round; skipped while the previous round is still running or the tab is hidden. */
  async tick(): Promise<void> {
    if (this.#ticking || (typeof document !== 'undefined' && document.hidden)) return;
    const pending = this.items.filter((transfer) => !isFinal(transfer.status)).slice(0, POLLED_TRANSFERS_MAX);
    if (pending.length === 0) return;
    this.#ticking = true;
    try {
      const results = await Promise.all(
        pending.map((transfer) => api<Transfer>('GET', `/v1/transfers/${encodeURIComponent(transfer.id)}`)),
      );
      results.forEach((result, index) => {
        const before = pending[index];
        if (!result.ok || !before) return;
        this.#apply(before, result.data);
      });
    } finally {
      this.#ticking = false;
    }
  }

  #apply(before: Transfer, after: Transfer): void {
    this.put(after);
    if (before.status === after.status) return;
    const what = `${kindLabel(after.kind)} of ${formatMoney(after.amountMinor, after.currency)}`;
    const why = after.failureReason ? `: ${after.failureReason}` : '';
    this.announcement = `${what} is now ${statusLabel(after.status).toLowerCase()}${why}.`;
    if (isFinal(after.status)) this.#onFinal(after);
  }
}

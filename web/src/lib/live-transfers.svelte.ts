/**
 * The signed-in person's recent transfers, kept live by the tab's event stream (live-events): a
 * `transfer.updated` or `transfer.received` event refetches that one transfer (its view carries
 * what the event does not: the allowed actions, the reason, the steps) and puts it in the list,
 * and each status change is announced through an aria-live region. No polling: the list reloads
 * only when the stream says data loaded earlier may be stale (onSync).
 */
import { api } from './api';
import type { TransferChange } from './live-event';
import { problemMessage } from './problem';
import { announcement, isFinal, upsertTransfer, type Page, type Transfer } from './transfers';

export const TRANSFERS_PAGE_SIZE = 10;
/** Refetches of changed transfers run at most this many at a time; more wait for the next round. */
export const REFETCHES_MAX = 10;

export class LiveTransfers {
  items = $state<Transfer[]>([]);
  nextCursor = $state<string | null>(null);
  loading = $state(false);
  /** True once the first page has been loaded (or failed): until then the list shows a skeleton. */
  loaded = $state(false);
  error = $state('');
  /** The latest status change, read out by screen readers. */
  announcement = $state('');
  #lastLoadMs = 0;
  /** Transfers an event named, waiting to be refetched. */
  #dirty = new Set<string>();
  #refetching = false;
  readonly #onMoneyMoved: (transfer: Transfer) => void;

  /** @param onMoneyMoved called when a transfer changed in a way that moves balances (held, settled, released). */
  constructor(onMoneyMoved: (transfer: Transfer) => void = () => {}) {
    this.#onMoneyMoved = onMoneyMoved;
  }

  /** When the list was last loaded from the API (epoch ms). */
  get lastLoadMs(): number {
    return this.#lastLoadMs;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.#lastLoadMs = Date.now();
    const result = await api<Page<Transfer>>('GET', `/v1/transfers?limit=${TRANSFERS_PAGE_SIZE}`);
    this.loading = false;
    this.loaded = true;
    if (!result.ok) {
      this.error = problemMessage(result.problem);
      return;
    }
    this.error = '';
    // A refetch that answered while this page was loading may be newer than the page: keep it.
    const current = new Map(this.items.map((item) => [item.id, item]));
    this.items = result.data.items.map((item) => {
      const mine = current.get(item.id);
      return mine && mine.updatedAt > item.updatedAt ? mine : item;
    });
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
      this.error = problemMessage(result.problem);
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

  /** The stream said a transfer of this person changed: refetch it (coalescing bursts of events). */
  changed(event: TransferChange): void {
    this.#dirty.add(event.transferId);
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
          ids.map((id) => api<Transfer>('GET', `/v1/transfers/${encodeURIComponent(id)}`)),
        );
        for (const result of results) if (result.ok) this.#apply(result.data);
      }
    } finally {
      this.#refetching = false;
    }
  }

  #apply(after: Transfer): void {
    const before = this.items.find((item) => item.id === after.id);
    // An event may arrive after a newer answer (a cancel's reply): never step a final transfer back.
    if (before && isFinal(before.status) && !isFinal(after.status)) return;
    this.put(after);
    const statusChanged = before?.status !== after.status;
    const bankChanged = (before?.bank?.unavailableSince ?? null) !== (after.bank?.unavailableSince ?? null);
    if (statusChanged || bankChanged) this.announcement = announcement(after);
    if (statusChanged) this.#onMoneyMoved(after);
  }
}

/**
 * Starts the mock bank in this process: opens its store, builds the app and listens. Used by
 * bank/main.ts, the dev launcher and tests (port 0 picks a free port).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createBankApp } from './app';
import { createFaults, type BankFaults } from './faults';
import { openBankStore } from './store';

export interface StartBankOptions {
  port: number;
  databaseUrl: string;
  /** Mounts /control; defaults to BANK_CONTROLS=1, else on unless NODE_ENV=production. */
  controls?: boolean;
  hostname?: string;
  limitMinor?: bigint;
  hangMs?: number;
  seed?: number;
  logError?: (error: unknown) => void;
}

export interface RunningBank {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The live fault injector, for in-process callers; HTTP callers use /control. */
  faults: BankFaults;
  /** Stops accepting, cuts injected waits short, lets in-flight calls finish, closes the store. */
  stop(): Promise<void>;
}

export function controlsEnabledByDefault(environment: NodeJS.ProcessEnv = process.env): boolean {
  if (environment.BANK_CONTROLS !== undefined && environment.BANK_CONTROLS !== '')
    return environment.BANK_CONTROLS === '1';
  return environment.NODE_ENV !== 'production';
}

export async function startBank(options: StartBankOptions): Promise<RunningBank> {
  const store = await openBankStore(options.databaseUrl, options.logError);
  const faults = createFaults({ limitMinor: options.limitMinor, hangMs: options.hangMs, seed: options.seed });
  const app = createBankApp(store, faults, {
    controls: options.controls ?? controlsEnabledByDefault(),
    logError: options.logError,
  });
  const hostname = options.hostname ?? '127.0.0.1';

  // Track in-flight requests so stop() closes the pool only after their last query.
  const inFlight = new Set<Promise<unknown>>();
  let server: Server | undefined;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    const listening = serve(
      {
        hostname,
        port: options.port,
        fetch: (request, env) => {
          const handled = Promise.resolve(app.fetch(request, env));
          const settled = handled.catch(() => {}).finally(() => inFlight.delete(settled));
          inFlight.add(settled);
          return handled;
        },
      },
      resolve,
    ) as Server;
    listening.once('error', reject);
    server = listening;
  }).catch(async (error: unknown) => {
    // A taken port must not leave the pool open behind a bank that never started.
    await store.close();
    throw error;
  });

  let stopped: Promise<void> | undefined;
  return {
    url: `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${address.port}`,
    faults,
    stop() {
      stopped ??= (async () => {
        const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
        faults.abortAll();
        server?.closeIdleConnections();
        await Promise.all([...inFlight]);
        server?.closeAllConnections();
        await closed;
        await store.close();
      })();
      return stopped;
    },
  };
}

/**
 * The worker's /metrics endpoint on WORKER_METRICS_PORT: Kizo's own registry (transfer
 * outcomes, bank and ledger latency, process stats) followed by the Temporal SDK's metrics,
 * read from its exporter on the loopback port, so Prometheus scrapes one target per worker.
 * Read with node:http rather than fetch so scrapes never appear as spans (fetch is traced).
 */
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsRegistry } from '../common/metrics';

const SDK_SCRAPE_TIMEOUT_MS = 2_000;
/** A scrape larger than this from the SDK would be a bug; cut it rather than buffer it all. */
const SDK_SCRAPE_BYTES_MAX = 8 * 1024 * 1024;

/** The SDK exporter's text, or a comment saying why it is missing (the rest still serves). */
export function readSdkMetrics(url: string): Promise<string> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: SDK_SCRAPE_TIMEOUT_MS }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.length > SDK_SCRAPE_BYTES_MAX) request.destroy(new Error('SDK metrics too large'));
      });
      response.on('end', () =>
        resolve(response.statusCode === 200 ? text : `# temporal sdk metrics: HTTP ${response.statusCode}\n`),
      );
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => resolve(`# temporal sdk metrics unavailable: ${error.message}\n`));
  });
}

export interface WorkerMetricsServer {
  url: string;
  close(): Promise<void>;
}

export async function startWorkerMetricsServer(options: {
  host: string;
  port: number;
  sdkMetricsUrl?: string;
}): Promise<WorkerMetricsServer> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    void (async () => {
      const own = await metricsRegistry.metrics();
      const sdk = options.sdkMetricsUrl ? await readSdkMetrics(options.sdkMetricsUrl) : '';
      response.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(`${own}\n${sdk}`);
    })().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}/metrics`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

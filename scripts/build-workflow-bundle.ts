/**
 * `npm run build:workflows [-- <file>]`: bundles the workflow code once (webpack) into a file,
 * default dist/workflows.js, for the production image: its workers load it (KIZO_WORKFLOW_BUNDLE)
 * and start without bundling. The same options as a worker's own bundle (temporal/worker.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../temporal/worker';

export async function buildWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: undefined });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, code);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = path.resolve(process.argv[2] ?? 'dist/workflows.js');
  await buildWorkflowBundle(file);
  console.log(`wrote ${file}`);
}

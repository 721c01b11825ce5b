/**
 * The production workflows plus the benchmark's no-op baseline (bench/load-bench.ts): bundled
 * only by a worker started with KIZO_BENCH_WORKFLOWS=on, never into the production bundle.
 */
export * from './index';
export { noopUpdateWorkflow, noopWorkflow } from './noop';

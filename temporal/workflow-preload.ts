/**
 * Bundled with the workflows and evaluated once per workflow thread (the SDK's `preloadModules`,
 * see temporal/worker.ts), before any workflow runs: the OpenTelemetry semantic conventions, a
 * module of constants the tracing interceptors import. Otherwise every new workflow run built
 * its tables again: a third of the interceptors' start-up cost per workflow (BENCHMARKS.md, k6).
 * The rest of OpenTelemetry cannot be preloaded: @opentelemetry/core reads `performance`, which
 * the sandbox gives each workflow, and @opentelemetry/api keeps a registry per workflow.
 */
import * as semanticConventions from '@opentelemetry/semantic-conventions';

// A statement webpack keeps: a bare import of a side-effect-free package would be dropped.
Object.freeze([semanticConventions]);

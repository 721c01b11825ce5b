/**
 * Carries one trace from the API through Temporal: the client interceptors put the caller's
 * span context in the workflow's headers; on the worker, the workflow interceptors (bundled
 * with the workflow code) and activity interceptors continue it, and workflow spans, made
 * inside the sandbox, reach this process's span processor through a sink. Kizo's own
 * interceptors add the transfer and workflow ids as span attributes and bind them to log lines.
 */
import { fileURLToPath } from 'node:url';
import { trace } from '@opentelemetry/api';
import type { Context as ActivityContext } from '@temporalio/activity';
import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowSignalWithStartInput,
  WorkflowStartInput,
  WorkflowStartUpdateWithStartInput,
} from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  InjectedSinks,
  WorkerOptions,
} from '@temporalio/worker';
import { addLogFields, withLogFields } from '../common/logger';
import { currentTelemetry, SPAN_ATTRIBUTES } from '../common/telemetry';

/** Workflow interceptor modules; they must be in the workflow bundle (see workflowBundle()). */
export const WORKFLOW_TRACING_MODULES: readonly string[] = [
  fileURLToPath(new URL('./workflow-tracing-interceptors.ts', import.meta.url)),
];

/** Modules evaluated once per workflow thread, not once per workflow run (see the module). */
export const WORKFLOW_PRELOADED_MODULES: readonly string[] = [
  fileURLToPath(new URL('./workflow-preload.ts', import.meta.url)),
];

/** Our workflows and activities take the transfer id as an argument or as `input.transferId`. */
export function transferIdInArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  if (typeof argument === 'object' && argument !== null && 'transferId' in argument) {
    const { transferId } = argument as { transferId: unknown };
    if (typeof transferId === 'string') return transferId;
  }
  return undefined;
}

/** Marks the active span (the API's request span) and the request's log lines with the ids. */
function annotate(workflowId: string, firstArgument: unknown): void {
  const transferId = transferIdInArgument(firstArgument);
  const span = trace.getActiveSpan();
  span?.setAttribute(SPAN_ATTRIBUTES.workflowId, workflowId);
  if (transferId) span?.setAttribute(SPAN_ATTRIBUTES.transferId, transferId);
  addLogFields({ workflowId, ...(transferId ? { transferId } : {}) });
}

/** Runs before OpenTelemetry's client interceptor, while the request's span is still the active one. */
class TransferAttributesClientInterceptor implements WorkflowClientInterceptor {
  start(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'start'>): Promise<string> {
    annotate(input.options.workflowId, input.options.args[0]);
    return next(input);
  }

  signalWithStart(
    input: WorkflowSignalWithStartInput,
    next: Next<WorkflowClientInterceptor, 'signalWithStart'>,
  ): Promise<string> {
    annotate(input.options.workflowId, input.options.args[0]);
    return next(input);
  }

  startUpdateWithStart(
    input: WorkflowStartUpdateWithStartInput,
    next: Next<WorkflowClientInterceptor, 'startUpdateWithStart'>,
  ): ReturnType<Next<WorkflowClientInterceptor, 'startUpdateWithStart'>> {
    annotate(input.workflowStartOptions.workflowId, input.workflowStartOptions.args[0]);
    return next(input);
  }
}

/** Client interceptors for every Temporal client that starts or talks to workflows. */
export function clientTracingInterceptors(): WorkflowClientInterceptor[] {
  return [new TransferAttributesClientInterceptor(), new OpenTelemetryWorkflowClientInterceptor()];
}

/** Runs inside OpenTelemetry's activity span: adds the ids to it and to the activity's log lines. */
class TransferAttributesActivityInterceptor implements ActivityInboundCallsInterceptor {
  constructor(private readonly context: ActivityContext) {}

  execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    const workflowId = this.context.info.workflowExecution?.workflowId;
    const transferId = transferIdInArgument(input.args[0]);
    const span = trace.getActiveSpan();
    if (workflowId) span?.setAttribute(SPAN_ATTRIBUTES.workflowId, workflowId);
    if (transferId) span?.setAttribute(SPAN_ATTRIBUTES.transferId, transferId);
    return withLogFields(
      { ...(workflowId ? { workflowId } : {}), ...(transferId ? { transferId } : {}) },
      () => next(input),
    );
  }
}

/** Worker options that trace workflows and activities into this process's telemetry. */
export function workerTracingOptions(): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const { spanProcessor, resource } = currentTelemetry();
  const exporter = makeWorkflowExporter(spanProcessor, resource);
  const sinks: InjectedSinks<OpenTelemetrySinks> = {
    exporter: {
      export: {
        ...exporter.export,
        // Workflow spans get the workflow id under the same name as every other Kizo span.
        fn: (info, spans) =>
          exporter.export.fn(
            info,
            spans.map((span) => ({
              ...span,
              attributes: { ...span.attributes, [SPAN_ATTRIBUTES.workflowId]: info.workflowId },
            })),
          ),
      },
    },
  };
  return {
    sinks,
    interceptors: {
      activity: [
        (context) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(context),
          outbound: new OpenTelemetryActivityOutboundInterceptor(context),
        }),
        (context) => ({ inbound: new TransferAttributesActivityInterceptor(context) }),
      ],
    },
  };
}

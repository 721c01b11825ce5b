/**
 * Workflow interceptors (bundled into the workflow sandbox, see temporal/worker.ts): OpenTelemetry's,
 * except that scheduling an activity or local activity carries the current span's context to it
 * instead of opening a span of its own. The activity's own span (worker side) is then a child
 * of the workflow's run or update span, so a transfer is still one trace, while each workflow
 * task no longer builds, ends and ships a span per ledger step.
 */
import { headersWithContext } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type {
  ActivityInput,
  LocalActivityInput,
  Next,
  WorkflowInterceptorsFactory,
  WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

class ContextOnlyActivityOutboundInterceptor extends OpenTelemetryOutboundInterceptor {
  override scheduleActivity(
    input: ActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>,
  ): Promise<unknown> {
    return next({ ...input, headers: headersWithContext(input.headers) });
  }

  override scheduleLocalActivity(
    input: LocalActivityInput,
    next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>,
  ): Promise<unknown> {
    return next({ ...input, headers: headersWithContext(input.headers) });
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new OpenTelemetryInboundInterceptor()],
  outbound: [new ContextOnlyActivityOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});

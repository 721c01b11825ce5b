/** Activities of payment requests: the request workflow's writes to `payment_requests`. */
import type { Database } from '../prisma/client';
import { createPaymentRequestRecords } from '../transfers/payment-requests';
import type { PaymentRequestInput, PaymentRequestStatus } from '../workflows/definitions';

export function createPaymentRequestActivities(db: Database) {
  const records = createPaymentRequestRecords(db);
  return {
    async openPaymentRequest(
      input: PaymentRequestInput & { workflowId: string; expiresAt: string },
    ): Promise<void> {
      await records.open(input);
    },
    async recordPaymentRequest(input: {
      requestId: string;
      status: PaymentRequestStatus;
      transferId: string | null;
    }): Promise<void> {
      await records.setStatus(input.requestId, input.status, input.transferId);
    },
  };
}

/** The JSON shape of a transfer on the wire; amounts as strings of digits. */
import type { Database } from '../prisma/client';

export async function loadTransferView(db: Database, transferId: string, userId: string) {
  const transfer = await db.transfer.findFirst({
    where: { id: transferId, OR: [{ userId }, { recipientUserId: userId }] },
    include: { events: { orderBy: { id: 'asc' } } },
  });
  if (!transfer) return undefined;
  return {
    id: transfer.id,
    kind: transfer.kind,
    status: transfer.status,
    amountMinor: transfer.amountMinor.toString(),
    currency: transfer.currency,
    failureReason: transfer.failureReason,
    workflowId: transfer.workflowId,
    createdAt: transfer.createdAt.toISOString(),
    updatedAt: transfer.updatedAt.toISOString(),
    events: transfer.events.map((event) => ({
      status: event.status,
      detail: event.detail,
      createdAt: event.createdAt.toISOString(),
    })),
  };
}

/**
 * The JSON shape of a payment request (the `PaymentRequest` schema): both parties by handle and
 * name, and what the caller may do now (the payer pays or declines, the requester cancels,
 * while it is open).
 */
import type { Database } from '../prisma/client';
import type { PaymentRequestRow } from '../transfers/payment-requests';

export type PaymentRequestAction = 'pay' | 'decline' | 'cancel';

export type PaymentRequestView = ReturnType<typeof toView>;

function toView(
  row: PaymentRequestRow,
  viewerId: string,
  people: Map<string, { handle: string; displayName: string | null }>,
) {
  const incoming = row.payerId === viewerId;
  const person = (id: string) => people.get(id) ?? { handle: 'unknown', displayName: null };
  const actions: PaymentRequestAction[] =
    row.status !== 'OPEN' ? [] : incoming ? ['pay', 'decline'] : ['cancel'];
  return {
    id: row.id,
    status: row.status,
    direction: incoming ? ('incoming' as const) : ('outgoing' as const),
    requester: person(row.requesterId),
    payer: person(row.payerId),
    amountMinor: row.amountMinor.toString(),
    currency: row.currency,
    note: row.note,
    transferId: row.status === 'PAID' ? row.transferId : null,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedActions: actions,
  };
}

export async function toPaymentRequestViews(
  db: Database,
  rows: PaymentRequestRow[],
  viewerId: string,
): Promise<PaymentRequestView[]> {
  const ids = [...new Set(rows.flatMap((row) => [row.requesterId, row.payerId]))];
  const users =
    ids.length === 0
      ? []
      : await db.user.findMany({
          where: { id: { in: ids } },
          select: { id: true, handle: true, displayName: true },
        });
  const people = new Map(
    users.map((user) => [user.id, { handle: user.handle, displayName: user.displayName }]),
  );
  return rows.map((row) => toView(row, viewerId, people));
}

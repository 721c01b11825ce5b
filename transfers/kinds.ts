/**
 * One descriptor per kind of money movement: its workflow type and id prefix, its status
 * machine (the transitions it may make; the final statuses are common to all), what each party
 * may do in each status, and how it reads in a statement. The workflows check every status
 * change against it, the database enforces the same transitions (a trigger on `transfers`, its
 * table filled from here and checked by transfers/kinds.test.ts), the API derives the actions a
 * transfer view offers from it, and the web app shows exactly those buttons.
 * Pure and import-free but for the vocabulary: workflows and the browser bundle take it too.
 */
import { FINAL_STATUSES, type TransferKind, type TransferStatus } from '../common/transfer-status';

/** Something a person may do to a transfer, as the API offers it. */
export type TransferAction = 'cancel' | 'approve' | 'reject';

/** Who is looking: the user who started it, the one it is for, or an admin who is neither. */
export type TransferParty = 'initiator' | 'recipient' | 'reviewer';

export interface TransferKindDescriptor {
  kind: TransferKind;
  /** The workflow's registered name; stored in every history, so never renamed. */
  workflowType: string;
  /** Start of its workflow ids (`<prefix>-<userId>-<idempotencyKey>`); recorded histories use it. */
  idPrefix: string;
  /** From each status, the statuses it may move to. A status may repeat (a new step of it). */
  transitions: Readonly<Partial<Record<TransferStatus, readonly TransferStatus[]>>>;
  /** In each status, what each party may do. */
  actions: Readonly<
    Partial<Record<TransferStatus, Readonly<Partial<Record<TransferParty, readonly TransferAction[]>>>>>
  >;
  /**
   * How one of its ledger lines reads in a wallet statement: `posting` is the ledger's posting
   * kind (HOLD, SETTLE, RELEASE, DEPOSIT), `counterparty` the other side as the reader knows it.
   */
  describeLine(posting: string, counterparty: string): string;
}

const REVIEW_ACTIONS = { reviewer: ['approve', 'reject'] } as const;

export const TRANSFER_KIND_DESCRIPTORS: Readonly<Record<TransferKind, TransferKindDescriptor>> = {
  P2P: {
    kind: 'P2P',
    workflowType: 'p2pTransferWorkflow',
    idPrefix: 'p2p',
    transitions: {
      PENDING: ['HELD', 'FAILED'],
      HELD: ['IN_REVIEW', 'COMPLETED', 'FAILED'],
      IN_REVIEW: ['COMPLETED', 'CANCELLED', 'FAILED'],
    },
    actions: { IN_REVIEW: REVIEW_ACTIONS },
    describeLine: (posting, other) =>
      posting === 'HOLD'
        ? `Payment to @${other}`
        : posting === 'RELEASE'
          ? `Payment to @${other} returned`
          : `Payment from @${other}`,
  },
  DEPOSIT: {
    kind: 'DEPOSIT',
    workflowType: 'depositWorkflow',
    idPrefix: 'deposit',
    transitions: {
      PENDING: ['SENT_TO_BANK', 'FAILED'],
      SENT_TO_BANK: ['COMPLETED', 'FAILED'],
    },
    actions: {},
    describeLine: (_posting, other) => `Top-up from ${other}`,
  },
  WITHDRAWAL: {
    kind: 'WITHDRAWAL',
    workflowType: 'withdrawalWorkflow',
    idPrefix: 'withdrawal',
    transitions: {
      PENDING: ['HELD', 'FAILED'],
      HELD: ['IN_REVIEW', 'SENT_TO_BANK', 'CANCELLED', 'FAILED'],
      IN_REVIEW: ['SENT_TO_BANK', 'CANCELLED'],
      // The repeat is the step that records a cancel while the bank is asked to void the payout.
      SENT_TO_BANK: ['SENT_TO_BANK', 'COMPLETED', 'COMPENSATED', 'CANCELLED'],
    },
    // Until it ends: the workflow voids the payout at the bank and says if the bank had paid it.
    actions: {
      PENDING: { initiator: ['cancel'] },
      HELD: { initiator: ['cancel'] },
      IN_REVIEW: { initiator: ['cancel'], ...REVIEW_ACTIONS },
      SENT_TO_BANK: { initiator: ['cancel'] },
    },
    describeLine: (posting, other) =>
      posting === 'RELEASE' ? `Withdrawal to ${other} returned` : `Withdrawal to ${other}`,
  },
};

export function descriptorOf(kind: TransferKind): TransferKindDescriptor {
  return TRANSFER_KIND_DESCRIPTORS[kind];
}

/** Whether a transfer of `kind` may move from `from` to `to` (a final status moves nowhere). */
export function canTransition(kind: TransferKind, from: TransferStatus, to: TransferStatus): boolean {
  if (FINAL_STATUSES.has(from)) return false;
  return descriptorOf(kind).transitions[from]?.includes(to) ?? false;
}

/** Every allowed transition of every kind, as the database's table of them holds them. */
export function allTransitions(): Array<{ kind: TransferKind; from: TransferStatus; to: TransferStatus }> {
  return Object.values(TRANSFER_KIND_DESCRIPTORS).flatMap((descriptor) =>
    Object.entries(descriptor.transitions).flatMap(([from, targets]) =>
      (targets ?? []).map((to) => ({ kind: descriptor.kind, from: from as TransferStatus, to })),
    ),
  );
}

/** What `party` may do to a transfer of `kind` in `status`. */
export function allowedActions(
  kind: TransferKind,
  status: TransferStatus,
  party: TransferParty,
): TransferAction[] {
  return [...(descriptorOf(kind).actions[status]?.[party] ?? [])];
}

/** The kind a workflow type runs, or undefined for a workflow that is not a transfer. */
export function kindOfWorkflowType(workflowType: string): TransferKind | undefined {
  return Object.values(TRANSFER_KIND_DESCRIPTORS).find(
    (descriptor) => descriptor.workflowType === workflowType,
  )?.kind;
}

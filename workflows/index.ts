/** The workflows the worker registers; the bundler starts here. Names are stored in histories. */
export { depositWorkflow } from './deposit';
export { p2pTransferWorkflow } from './p2p-transfer';
export { withdrawalWorkflow } from './withdrawal';
export { reconciliationWorkflow } from './reconciliation';
export { paymentRequestWorkflow } from './payment-request';
export { scheduledTransferWorkflow } from './scheduled-transfer';
export { monthlyStatementsWorkflow } from './monthly-statements';
export { webhookDeliveryWorkflow, webhookDispatcherWorkflow } from './webhooks';

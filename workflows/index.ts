/** The workflows the worker registers; the bundler starts here. */
export { p2pTransferWorkflow } from './p2p-transfer';

/** Task queue names shared by the worker and the client. Pure: workflows may import it. */
export const TASK_QUEUE_TRANSFERS = 'kizo-transfers';

/** The checkpoint name of the worker's read-model runner; read-your-writes waits on it. */
export const READ_MODELS_PROCESSOR = 'read-models';

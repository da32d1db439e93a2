/** Injection tokens of the nudge history the api reads and acts on. */
export const NUDGE_HISTORY = Symbol('stepwise.nudge-history');
export const NUDGE_HISTORY_ACTIONS = Symbol('stepwise.nudge-history-actions');

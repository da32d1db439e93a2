/** Injection token of the nudge history the api reads (it changes it through NUDGE_HISTORY_CHANGES, with commands). */
export const NUDGE_HISTORY = Symbol('stepwise.nudge-history');

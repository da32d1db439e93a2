/**
 * Instants go to SQL as ISO strings: the same text for node-postgres and PGlite, whichever realm made
 * the Date (PGlite's serializer recognises only Dates of its own realm).
 */
export const sqlTime = (instant: Date): string => instant.toISOString();

export const sqlTimes = (instants: readonly (Date | string)[]): string[] => instants.map((instant) => new Date(instant).toISOString());

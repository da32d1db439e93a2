/**
 * Who answered, as a person. Someone removed from the organisation and added again answers under a
 * new member id (ids are never reused), but is the same person: their sign-in subject. Analytics
 * count and match people by it; a member id whose person is not known stands for itself.
 */

export interface Answerer {
  readonly memberId: string;
  /** Their sign-in subject; null when not known. */
  readonly person: string | null;
}

/** The same member id, or two member ids of one person. */
export const samePerson = (a: Answerer, b: Answerer): boolean => a.memberId === b.memberId || (a.person !== null && a.person === b.person);

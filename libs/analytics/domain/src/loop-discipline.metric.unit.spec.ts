import { evolveFirstOwnerReflection, loopDiscipline } from './loop-discipline.metric';

const taken = new Date('2026-11-02T09:00:00Z');
const hoursLater = (hours: number): Date => new Date(taken.getTime() + hours * 3_600_000);

describe('loop discipline', () => {
  it('counts steps whose owner reflected within the window of takenAt (the edge inclusive); median over those reflected', () => {
    const result = loopDiscipline(
      [
        { takenAt: taken, firstOwnerReflectionAt: hoursLater(2) },
        { takenAt: taken, firstOwnerReflectionAt: hoursLater(72) },
        { takenAt: taken, firstOwnerReflectionAt: hoursLater(100) },
        { takenAt: taken, firstOwnerReflectionAt: null },
      ],
      72,
    );
    expect(result).toEqual({ stepsTaken: 4, reflectedInWindow: 2, share: 0.5, medianHoursToReflection: 72 });
  });

  it('a shorter window counts fewer', () => {
    expect(loopDiscipline([{ takenAt: taken, firstOwnerReflectionAt: hoursLater(30) }], 24).reflectedInWindow).toBe(0);
  });

  it('with no steps: no share, no median', () => {
    expect(loopDiscipline([], 72)).toEqual({ stepsTaken: 0, reflectedInWindow: 0, share: null, medianHoursToReflection: null });
  });
});

describe("the owner's first reflection on a step", () => {
  const ann = { memberId: 'm-ann', person: 'sub-ann' };
  const annAgain = { memberId: 'm-ann-2', person: 'sub-ann' };
  const bob = { memberId: 'm-bob', person: 'sub-bob' };

  it('is the first by the owner as a person: removed and added again, their reflection under the new member id counts', () => {
    let first: Date | null = null;
    first = evolveFirstOwnerReflection(first, ann, bob, hoursLater(1)); // Bob's: not the owner's
    expect(first).toBeNull();
    first = evolveFirstOwnerReflection(first, ann, annAgain, hoursLater(25)); // Ann's, under her new id
    expect(first).toEqual(hoursLater(25));
    expect(loopDiscipline([{ takenAt: taken, firstOwnerReflectionAt: first }], 72)).toEqual({
      stepsTaken: 1,
      reflectedInWindow: 1,
      share: 1,
      medianHoursToReflection: 25,
    });
  });

  it('keeps the earliest, whatever order the reflections are folded in', () => {
    expect(evolveFirstOwnerReflection(hoursLater(30), ann, annAgain, hoursLater(5))).toEqual(hoursLater(5));
    expect(evolveFirstOwnerReflection(hoursLater(5), ann, ann, hoursLater(30))).toEqual(hoursLater(5));
  });

  it('where a person is not known, the member id stands for itself', () => {
    const unknown = { memberId: 'm-ann', person: null };
    expect(evolveFirstOwnerReflection(null, unknown, ann, hoursLater(3))).toEqual(hoursLater(3));
    expect(evolveFirstOwnerReflection(null, unknown, { memberId: 'm-ann-2', person: null }, hoursLater(3))).toBeNull();
    expect(evolveFirstOwnerReflection(null, { memberId: 'm-x', person: null }, { memberId: 'm-y', person: null }, hoursLater(3))).toBeNull();
  });
});

import { loopDiscipline } from './loop-discipline.metric';

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

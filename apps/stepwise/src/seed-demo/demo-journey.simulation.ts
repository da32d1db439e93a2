/**
 * One demo journey as a list of timed actions: week by week its staff plan, take and reflect on
 * steps; "not closer" runs end in a pivot; comfort dips after a vision revision and recovers; some
 * people ask for support and make commitments. Every draw is made here, from the seeded source, so
 * the same seed gives the same story; the actions run later, in time order across all journeys.
 */
import {
  AbandonJourneyCommand,
  ArticulateVisionCommand,
  CompleteJourneyCommand,
  DropStepCommand,
  KeepCommitmentCommand,
  MakeCommitmentCommand,
  MakePivotCommand,
  MissCommitmentCommand,
  OfferSupportCommand,
  PauseJourneyCommand,
  PlanStepCommand,
  RecordReflectionCommand,
  RequestSupportCommand,
  ResumeJourneyCommand,
  ReviseVisionCommand,
  SetDirectionCommand,
  StartJourneyCommand,
  TakeStepCommand,
} from '@stepwise/journeys-application';
import { COMMITMENTS, DEMO_WEEKS, NOTES, STEP_IDEAS, SUPPORT_NEEDS, type DemoJourneySpec } from './demo-cast';
import type { DemoCommands, DemoPerson } from './demo-commands';
import type { SeededRandom } from '@stepwise/kernel';

export interface DemoAction {
  readonly at: Date;
  readonly order: number;
  run(): Promise<void>;
}

export interface DemoJourneyCast {
  readonly commands: DemoCommands;
  readonly random: SeededRandom;
  /** Monday 00:00 UTC of week 0. */
  readonly start: Date;
  readonly teamId: string;
  readonly leader: DemoPerson;
  readonly staff: readonly DemoPerson[];
  /** Orders actions at the same instant by when they were drawn. */
  readonly nextOrder: () => number;
}

export interface DemoJourneyRecord {
  readonly title: string;
  readonly teamId: string;
  journeyId: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Closer = 'YES' | 'NO' | 'UNSURE';

const clampComfort = (value: number): number => Math.min(5, Math.max(1, Math.round(value)));

/** "Are we closer?" and comfort for one reflection in week `week` of this journey. */
const feeling = (spec: DemoJourneySpec, week: number, random: SeededRandom): { closer: Closer; comfort: number } => {
  const stuck = spec.pivot !== undefined && week >= spec.pivot.week - 4 && week <= spec.pivot.week;
  // The last fortnight before a pivot says only "not closer" (or "unsure"): the run its reason names.
  const noRun = stuck && week >= (spec.pivot?.week ?? 0) - 1;
  const afterPivot = spec.pivot !== undefined && week > spec.pivot.week;
  const yes = noRun ? 0 : stuck ? 0.15 : afterPivot ? 0.7 : 0.55;
  const closer: Closer = random.chance(0.1) ? 'UNSURE' : random.chance(yes) ? 'YES' : 'NO';
  const sinceRevision = spec.revision === undefined ? -1 : week - spec.revision.week;
  const dip = sinceRevision >= 0 ? 1.8 * Math.max(0, 1 - sinceRevision / 6) : 0;
  const mean = 3.6 - dip - (stuck ? 0.7 : 0) + (closer === 'YES' ? 0.3 : 0);
  return { closer, comfort: clampComfort(mean + (random.next() - 0.5) * 2) };
};

const isoDate = (instant: Date): string => instant.toISOString().slice(0, 10);

export const journeyActions = (spec: DemoJourneySpec, cast: DemoJourneyCast): { record: DemoJourneyRecord; actions: DemoAction[] } => {
  const { commands, random, start, leader, staff, teamId, nextOrder } = cast;
  const record: DemoJourneyRecord = { title: spec.title, teamId, journeyId: '' };
  const actions: DemoAction[] = [];
  /** "Not closer" reflections since the last pivot: what the next pivot names. */
  let notCloser: string[] = [];
  const at = (week: number, day: number, hour: number, minute = 0): Date => new Date(start.getTime() + (week * 7 + day) * DAY + hour * HOUR + minute * 60_000);
  const act = (when: Date, run: () => Promise<unknown>): void => {
    actions.push({ at: when, order: nextOrder(), run: async () => void (await run()) });
  };
  const journeyId = (): string => record.journeyId;
  const paused = (week: number): boolean => spec.pause !== undefined && week >= spec.pause.fromWeek && week < spec.pause.toWeek;
  const over = (week: number): boolean => (spec.end !== undefined && week >= spec.end.week) || week >= DEMO_WEEKS;
  const active = (week: number): boolean => !paused(week) && !over(week) && (spec.quietFromWeek === undefined || week < spec.quietFromWeek);

  act(at(spec.startWeek, 0, 8), async () => {
    const started = await commands.send(at(spec.startWeek, 0, 8), new StartJourneyCommand({ teamId, title: spec.title }, commands.context(leader)));
    record.journeyId = started.journeyId;
    await commands.send(at(spec.startWeek, 0, 8, 5), new ArticulateVisionCommand({ journeyId: journeyId(), ...spec.vision }, commands.context(leader)));
    await commands.send(at(spec.startWeek, 0, 8, 10), new SetDirectionCommand({ journeyId: journeyId(), direction: spec.direction }, commands.context(leader)));
  });

  for (let week = spec.startWeek; !over(week); week += 1) {
    if (spec.pause?.fromWeek === week) {
      const { reason } = spec.pause;
      act(at(week, 0, 7), () => commands.send(at(week, 0, 7), new PauseJourneyCommand({ journeyId: journeyId(), reason }, commands.context(leader))));
    }
    if (spec.pause?.toWeek === week) {
      act(at(week, 0, 7), () => commands.send(at(week, 0, 7), new ResumeJourneyCommand({ journeyId: journeyId() }, commands.context(leader))));
    }
    if (spec.revision?.week === week) {
      const { statement, reason } = spec.revision;
      act(at(week, 0, 8, 30), () =>
        commands.send(at(week, 0, 8, 30), new ReviseVisionCommand({ journeyId: journeyId(), ...spec.vision, statement, reason }, commands.context(leader))),
      );
    }
    if (!active(week)) continue;

    for (const person of staff) {
      if (random.chance(0.12)) commitment(week, person);
      if (!random.chance(0.65)) continue;
      const plannedAt = at(week, random.between(0, 1), random.between(9, 15));
      const title = random.pick(STEP_IDEAS);
      const dropped = random.chance(0.08);
      const takenAt = new Date(plannedAt.getTime() + random.between(1, 2) * DAY + random.between(0, 5) * HOUR);
      const reflects = random.chance(0.85);
      // Most reflect the same day or the next; some only days later, past the reflection window.
      const late = random.chance(0.25) && active(week + 1);
      const reflectedAt = new Date(takenAt.getTime() + (late ? random.between(50, 90) : random.between(1, 20)) * HOUR);
      const { closer, comfort } = feeling(spec, week, random);
      const note = random.chance(0.3) ? random.pick(comfort <= 2 ? NOTES.low : NOTES.high) : null;
      const asksForSupport = comfort <= 2 && random.chance(0.4);
      const supported = random.chance(0.8);
      const supportDelay = random.between(4, 30) * HOUR;
      const need = random.pick(SUPPORT_NEEDS);
      let stepId = '';
      act(plannedAt, async () => {
        const dueOn = isoDate(new Date(plannedAt.getTime() + 5 * DAY));
        stepId = (await commands.send(plannedAt, new PlanStepCommand({ journeyId: journeyId(), title, dueOn }, commands.context(person)))).createdId!;
      });
      if (dropped) {
        act(takenAt, () => commands.send(takenAt, new DropStepCommand({ journeyId: journeyId(), stepId, reason: 'Overtaken by events' }, commands.context(person))));
        continue;
      }
      act(takenAt, () => commands.send(takenAt, new TakeStepCommand({ journeyId: journeyId(), stepId }, commands.context(person))));
      if (!reflects) continue;
      act(reflectedAt, async () => {
        const input = { journeyId: journeyId(), closer, comfort, note, stepId };
        const reflectionId = (await commands.send(reflectedAt, new RecordReflectionCommand(input, commands.context(person)))).createdId!;
        if (closer === 'NO') notCloser.push(reflectionId);
      });
      if (!asksForSupport) continue;
      const askedAt = new Date(reflectedAt.getTime() + HOUR);
      let requestId = '';
      act(askedAt, async () => {
        requestId = (await commands.send(askedAt, new RequestSupportCommand({ journeyId: journeyId(), need }, commands.context(person)))).createdId!;
      });
      // Some requests are still waiting for a leader when the demo ends.
      const offeredAt = new Date(askedAt.getTime() + supportDelay);
      if (supported && active(week + 1)) {
        act(offeredAt, () =>
          commands.send(offeredAt, new OfferSupportCommand({ journeyId: journeyId(), requestId, message: 'Let’s talk it through on Thursday' }, commands.context(leader))),
        );
      }
    }

    if (random.chance(0.3)) {
      const reflectedAt = at(week, 4, 16);
      const { closer, comfort } = feeling(spec, week, random);
      act(reflectedAt, async () => {
        const reflectionId = (await commands.send(reflectedAt, new RecordReflectionCommand({ journeyId: journeyId(), closer, comfort }, commands.context(leader)))).createdId!;
        if (closer === 'NO') notCloser.push(reflectionId);
      });
    }

    if (spec.pivot?.week === week) {
      const { toDirection, reason } = spec.pivot;
      const pivotAt = at(week, 6, 10);
      act(pivotAt, async () => {
        const reflectionIds = notCloser.slice(-5);
        notCloser = [];
        await commands.send(pivotAt, new MakePivotCommand({ journeyId: journeyId(), toDirection, reason, reflectionIds }, commands.context(leader)));
      });
    }
  }

  if (spec.end && spec.end.week < DEMO_WEEKS) {
    const { as, text, week } = spec.end;
    const endedAt = at(week, 0, 8);
    act(endedAt, () =>
      as === 'COMPLETED'
        ? commands.send(endedAt, new CompleteJourneyCommand({ journeyId: journeyId(), summary: text }, commands.context(leader)))
        : commands.send(endedAt, new AbandonJourneyCommand({ journeyId: journeyId(), reason: text }, commands.context(leader))),
    );
  }
  return { record, actions };

  /** A commitment made on Monday, due on Friday, and settled the Monday after (or left open). */
  function commitment(week: number, person: DemoPerson): void {
    const madeAt = at(week, 0, 10, random.between(0, 59));
    const description = random.pick(COMMITMENTS);
    const dueOn = isoDate(at(week, 4, 12));
    const outcome = random.next();
    let commitmentId = '';
    act(madeAt, async () => {
      commitmentId = (await commands.send(madeAt, new MakeCommitmentCommand({ journeyId: journeyId(), description, dueOn }, commands.context(person)))).createdId!;
    });
    if (!active(week + 1) || outcome >= 0.9) return;
    const settledAt = at(week + 1, 0, 9, random.between(0, 59));
    act(settledAt, () =>
      outcome < 0.7
        ? commands.send(settledAt, new KeepCommitmentCommand({ journeyId: journeyId(), commitmentId }, commands.context(person)))
        : commands.send(settledAt, new MissCommitmentCommand({ journeyId: journeyId(), commitmentId }, commands.context(leader))),
    );
  }
};

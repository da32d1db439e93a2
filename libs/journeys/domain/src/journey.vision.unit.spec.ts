import { deciderSpec } from '@stepwise/kernel/testing';
import { journeyDecider } from './journey.decider';
import { LEE, VISION, command, directionSet, event, paused, reflectionRecorded, started, underway, visionArticulated } from './testing/journey.fixtures';

const given = deciderSpec(journeyDecider);
const REVISED = { ...VISION, statement: 'Every child reads daily', reason: 'Aim higher' };

describe('ArticulateVision', () => {
  it('records the vision as version 1, trimmed', () => {
    given([started()])
      .when(command('ArticulateVision', { statement: ` ${VISION.statement} `, expectations: VISION.expectations.map((e) => `${e} `), successSignals: VISION.successSignals }))
      .then([visionArticulated()]);
  });

  it('refuses a second articulation: VISION_ALREADY_ARTICULATED', () => {
    given([started(), visionArticulated()]).when(command('ArticulateVision', VISION)).thenThrows('VISION_ALREADY_ARTICULATED');
  });

  it.each([
    ['a blank statement', { ...VISION, statement: '' }, 'statement'],
    ['a statement over 4000 characters', { ...VISION, statement: 'x'.repeat(4001) }, 'statement'],
    ['21 expectations', { ...VISION, expectations: Array.from({ length: 21 }, (_, i) => `e${i}`) }, 'expectations'],
    ['an expectation over 500 characters', { ...VISION, expectations: ['ok', 'x'.repeat(501)] }, 'expectations[1]'],
    ['a blank success signal', { ...VISION, successSignals: ['  '] }, 'successSignals[0]'],
    ['success signals that are not a list', { ...VISION, successSignals: 'Loans double' as unknown as string[] }, 'successSignals'],
  ])('refuses %s: VALIDATION_FAILED', (_case, data, field) => {
    given([started()]).when(command('ArticulateVision', data)).thenThrows('VALIDATION_FAILED', { field });
  });
});

describe('ReviseVision', () => {
  it('records the next version with its reason', () => {
    const { reason, ...vision } = REVISED;
    given(underway())
      .when(command('ReviseVision', REVISED))
      .then([event('VisionRevised', { version: 2, ...vision, reason, revisedBy: LEE.memberId })]);
  });

  it('numbers each revision after the last', () => {
    const { reason, ...vision } = REVISED;
    const second = event('VisionRevised', { version: 2, ...vision, reason, revisedBy: LEE.memberId });
    given([...underway(), second])
      .when(command('ReviseVision', { ...REVISED, statement: 'Every family reads together' }))
      .then([event('VisionRevised', { version: 3, ...vision, statement: 'Every family reads together', reason, revisedBy: LEE.memberId })]);
  });

  it('refuses to revise before articulating: VISION_REQUIRED', () => {
    given([started()]).when(command('ReviseVision', REVISED)).thenThrows('VISION_REQUIRED');
  });

  it('refuses a revision identical to the current vision: VISION_UNCHANGED', () => {
    given(underway()).when(command('ReviseVision', { ...VISION, reason: 'Just because' })).thenThrows('VISION_UNCHANGED', { version: 1 });
  });

  it('refuses a revision without a reason: VALIDATION_FAILED', () => {
    given(underway()).when(command('ReviseVision', { ...REVISED, reason: '' })).thenThrows('VALIDATION_FAILED', { field: 'reason' });
  });
});

describe('SetDirection', () => {
  it('sets the first direction', () => {
    given([started(), visionArticulated()]).when(command('SetDirection', { direction: 'Weekly book swaps' })).then([directionSet()]);
  });

  it('refuses a direction before the vision: VISION_REQUIRED', () => {
    given([started()]).when(command('SetDirection', { direction: 'Weekly book swaps' })).thenThrows('VISION_REQUIRED');
  });

  it('refuses to set it again, as changing direction is a pivot: DIRECTION_ALREADY_SET', () => {
    given(underway()).when(command('SetDirection', { direction: 'Something else' })).thenThrows('DIRECTION_ALREADY_SET');
  });

  it('refuses a direction over 1000 characters: VALIDATION_FAILED', () => {
    given([started(), visionArticulated()]).when(command('SetDirection', { direction: 'x'.repeat(1001) })).thenThrows('VALIDATION_FAILED', { field: 'direction' });
  });
});

describe('MakePivot', () => {
  const pivot = (toDirection: string, reflectionIds: string[] = [], pivotId = 'pv-1') =>
    command('MakePivot', { pivotId, toDirection, reason: 'Two weeks of "not closer"', reflectionIds });

  it('changes direction, linking the reflections that prompted it', () => {
    given([...underway(), reflectionRecorded('r-1'), reflectionRecorded('r-2')])
      .when(pivot(' Parent reading evenings ', ['r-1', 'r-2']))
      .then([
        event('PivotMade', {
          pivotId: 'pv-1',
          fromDirection: 'Weekly book swaps',
          toDirection: 'Parent reading evenings',
          reason: 'Two weeks of "not closer"',
          reflectionIds: ['r-1', 'r-2'],
          pivotedBy: LEE.memberId,
        }),
      ]);
  });

  it('pivots while the journey is paused', () => {
    given([...underway(), paused()]).when(pivot('Parent reading evenings')).then([
      event('PivotMade', { pivotId: 'pv-1', fromDirection: 'Weekly book swaps', toDirection: 'Parent reading evenings', reason: 'Two weeks of "not closer"', reflectionIds: [], pivotedBy: LEE.memberId }),
    ]);
  });

  it('refuses a pivot to the same direction, ignoring case and spaces: PIVOT_SAME_DIRECTION', () => {
    given(underway()).when(pivot('  weekly BOOK swaps ')).thenThrows('PIVOT_SAME_DIRECTION', { field: 'toDirection' });
  });

  it.each([
    ['a zero-width space inside a word', 'Weekly bo\u200bok swaps'],
    ['a soft hyphen', 'Weekly book sw\u00adaps'],
    ['two spaces between words', 'Weekly  book swaps'],
    ['a no-break space between words', 'Weekly\u00a0book swaps'],
    ['a Hangul filler and a variation selector, which show nothing', 'Weekly book\u3164 swaps\ufe0f'],
  ])('refuses a pivot to a direction that reads the same, with %s: PIVOT_SAME_DIRECTION', (_case, direction) => {
    given(underway()).when(pivot(direction)).thenThrows('PIVOT_SAME_DIRECTION', { field: 'toDirection' });
  });

  it('refuses a pivot to the same direction in another Unicode form (é as one character, or e and an accent): PIVOT_SAME_DIRECTION', () => {
    const history = [started(), visionArticulated(), directionSet('Caf\u00e9 conversations')];
    given(history).when(pivot('Cafe\u0301 conversations')).thenThrows('PIVOT_SAME_DIRECTION', { field: 'toDirection' });
    given(history).when(pivot('Cafe conversations')).then([expect.objectContaining({ type: 'PivotMade' })]);
  });

  it('refuses a pivot before any direction: DIRECTION_REQUIRED', () => {
    given([started(), visionArticulated()]).when(pivot('Parent reading evenings')).thenThrows('DIRECTION_REQUIRED');
  });

  it('refuses links to reflections not in the journey: REFLECTION_NOT_FOUND', () => {
    given([...underway(), reflectionRecorded('r-1')])
      .when(pivot('Parent reading evenings', ['r-1', 'r-404', 'constructor']))
      .thenThrows('REFLECTION_NOT_FOUND', { field: 'reflectionIds', reflectionIds: ['r-404', 'constructor'] });
  });

  it('cites "unsure" reflections beside "not closer" ones', () => {
    given([...underway(), reflectionRecorded('r-1', 'NO'), reflectionRecorded('r-2', 'UNSURE')])
      .when(pivot('Parent reading evenings', ['r-1', 'r-2']))
      .then([
        event('PivotMade', {
          pivotId: 'pv-1',
          fromDirection: 'Weekly book swaps',
          toDirection: 'Parent reading evenings',
          reason: 'Two weeks of "not closer"',
          reflectionIds: ['r-1', 'r-2'],
          pivotedBy: LEE.memberId,
        }),
      ]);
  });

  it('refuses to cite a reflection that answered "closer": REFLECTION_SAID_CLOSER', () => {
    given([...underway(), reflectionRecorded('r-1', 'NO'), reflectionRecorded('r-2', 'YES'), reflectionRecorded('r-3', 'YES')])
      .when(pivot('Parent reading evenings', ['r-1', 'r-2', 'r-3']))
      .thenThrows('REFLECTION_SAID_CLOSER', { field: 'reflectionIds', reflectionIds: ['r-2', 'r-3'] });
  });

  it('refuses to cite a reflection an earlier pivot turned away from: REFLECTION_ON_EARLIER_DIRECTION', () => {
    const earlier = event('PivotMade', {
      pivotId: 'pv-0',
      fromDirection: 'Weekly book swaps',
      toDirection: 'Parent reading evenings',
      reason: 'Not closer',
      reflectionIds: ['r-1'],
      pivotedBy: LEE.memberId,
    });
    given([...underway(), reflectionRecorded('r-1'), earlier, reflectionRecorded('r-2')])
      .when(pivot('Reading buddies', ['r-1', 'r-2']))
      .thenThrows('REFLECTION_ON_EARLIER_DIRECTION', { field: 'reflectionIds', reflectionIds: ['r-1'] });
  });

  it('refuses a reflection from before a return to the same direction text: REFLECTION_ON_EARLIER_DIRECTION', () => {
    const turn = (pivotId: string, fromDirection: string, toDirection: string) =>
      event('PivotMade', { pivotId, fromDirection, toDirection, reason: 'Not closer', reflectionIds: [], pivotedBy: LEE.memberId });
    given([...underway(), reflectionRecorded('r-1'), turn('pv-1', 'Weekly book swaps', 'Reading buddies'), turn('pv-2', 'Reading buddies', 'Weekly book swaps')])
      .when(pivot('Parent reading evenings', ['r-1'], 'pv-3'))
      .thenThrows('REFLECTION_ON_EARLIER_DIRECTION', { reflectionIds: ['r-1'] });
  });

  it('refuses a reflection recorded before any direction was set: REFLECTION_ON_EARLIER_DIRECTION', () => {
    given([started(), visionArticulated(), reflectionRecorded('r-1'), directionSet()])
      .when(pivot('Parent reading evenings', ['r-1']))
      .thenThrows('REFLECTION_ON_EARLIER_DIRECTION', { reflectionIds: ['r-1'] });
  });

  it('refuses a pivot id already used in the journey: DUPLICATE_ID', () => {
    given([...underway(), reflectionRecorded('r-1')]).when(pivot('Parent reading evenings', [], 'r-1')).thenThrows('DUPLICATE_ID', { field: 'pivotId' });
  });

  it('refuses a reflection listed twice: VALIDATION_FAILED', () => {
    given([...underway(), reflectionRecorded('r-1')]).when(pivot('Parent reading evenings', ['r-1', 'r-1'])).thenThrows('VALIDATION_FAILED', { field: 'reflectionIds', reason: 'DUPLICATE' });
  });

  it('refuses a pivot without a reason: VALIDATION_FAILED', () => {
    given(underway()).when(command('MakePivot', { pivotId: 'pv-1', toDirection: 'Elsewhere', reason: '' })).thenThrows('VALIDATION_FAILED', { field: 'reason' });
  });
});

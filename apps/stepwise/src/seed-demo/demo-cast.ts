/**
 * Who and what the demo organisation holds: a school with three teams, each making two changes.
 * Weeks count from the start of the six months the demo spans.
 */
export interface DemoJourneySpec {
  readonly title: string;
  readonly vision: { readonly statement: string; readonly expectations: string[]; readonly successSignals: string[] };
  readonly direction: string;
  readonly startWeek: number;
  /** A vision revision: comfort dips after it and recovers over the following weeks. */
  readonly revision?: { readonly week: number; readonly statement: string; readonly reason: string };
  /** A run of "not closer" in the weeks before it, then a change of direction at the end of `week`. */
  readonly pivot?: { readonly week: number; readonly toDirection: string; readonly reason: string };
  readonly pause?: { readonly fromWeek: number; readonly toWeek: number; readonly reason: string };
  readonly end?: { readonly week: number; readonly as: 'COMPLETED' | 'ABANDONED'; readonly text: string };
  /** No steps from this week on: a stalled journey. */
  readonly quietFromWeek?: number;
}

export interface DemoTeamSpec {
  readonly name: string;
  readonly leader: string;
  readonly staff: readonly string[];
  readonly journeys: readonly DemoJourneySpec[];
}

export const DEMO_ORGANISATION = 'Riverside Academy';
export const DEMO_ADMIN = 'Morgan Avery';
export const DEMO_WEEKS = 26;

export const DEMO_TEAMS: readonly DemoTeamSpec[] = [
  {
    name: 'Maths Department',
    leader: 'Priya Shah',
    staff: ['Tom Becker', 'Ines Duarte', 'Kwame Mensah', 'Lena Novak'],
    journeys: [
      {
        title: 'Feedback students act on',
        vision: {
          statement: 'Every student acts on written feedback within a week',
          expectations: ['Feedback names one next step', 'Students redo one question'],
          successSignals: ['Redrafts arrive within a week', 'Students ask for feedback'],
        },
        direction: 'Longer written comments on every homework',
        startWeek: 0,
        pivot: { week: 7, toDirection: 'One sentence of feedback, acted on in class', reason: 'Long comments go unread: four "not closer" answers in a row' },
        revision: { week: 14, statement: 'Every student acts on feedback within a lesson', reason: 'A week is too late for it to matter' },
      },
      {
        title: 'Homework that gets done',
        vision: {
          statement: 'Nine in ten homeworks handed in on time',
          expectations: ['Homework takes under 30 minutes'],
          successSignals: ['Fewer chasing emails'],
        },
        direction: 'Shorter, weekly homework',
        startWeek: 2,
        end: { week: 22, as: 'COMPLETED', text: 'Hand-in rate above 90% for six weeks' },
      },
    ],
  },
  {
    name: 'Pastoral Care',
    leader: 'Daniel Okafor',
    staff: ['Sofia Rossi', 'Hannah Lee', 'Marco Silva', 'Aisha Khan'],
    journeys: [
      {
        title: 'Calm corridors',
        vision: {
          statement: 'Corridors are calm between lessons',
          expectations: ['Staff on every corridor at changeover'],
          successSignals: ['Fewer incidents logged at changeover'],
        },
        direction: 'More staff on duty at changeover',
        startWeek: 1,
        pivot: { week: 10, toDirection: 'Staggered lesson changeover by year group', reason: 'More duty staff did not make it calmer' },
        revision: { week: 18, statement: 'Corridors and the canteen are calm', reason: 'The canteen is where it spills over now' },
      },
      {
        title: 'A mentor for every new student',
        vision: {
          statement: 'Every new student has a mentor in their first week',
          expectations: ['Mentors meet weekly for a term'],
          successSignals: ['New students name their mentor'],
        },
        direction: 'Sixth-form volunteers as mentors',
        startWeek: 3,
        pause: { fromWeek: 12, toWeek: 15, reason: 'Exam season: volunteers are studying' },
      },
    ],
  },
  {
    name: 'Front Office',
    leader: 'Grace Murphy',
    staff: ['Oliver Brown', 'Yuki Tanaka', 'Fatima Noor'],
    journeys: [
      {
        title: 'Answer every parent within a day',
        vision: {
          statement: 'Every parent gets an answer within one school day',
          expectations: ['One shared inbox', 'A named owner per message'],
          successSignals: ['No repeat emails about the same question'],
        },
        direction: 'A shared inbox with a daily rota',
        startWeek: 0,
        quietFromWeek: 22,
      },
      {
        title: 'Paperless admissions',
        vision: {
          statement: 'Admissions happen without paper forms',
          expectations: ['Online forms for every admission step'],
          successSignals: ['No printed forms in the office'],
        },
        direction: 'Scan paper forms on arrival',
        startWeek: 4,
        end: { week: 16, as: 'ABANDONED', text: 'The county system replaces ours next year' },
      },
    ],
  },
];

export const STEP_IDEAS: readonly string[] = [
  'Try it with one class',
  'Share an example in the staff briefing',
  'Ask three students what they noticed',
  'Pair with a colleague for a lesson',
  'Write a one-page guide',
  'Review last week’s results',
  'Run it for a whole week',
  'Collect feedback from parents',
  'Change the template',
  'Show the team what worked',
];

export const NOTES = {
  low: ['Felt exposed doing this in front of the class', 'Not sure I am doing it right', 'It took far longer than planned'],
  high: ['Students noticed straight away', 'Easier than I expected', 'The team backed me up'],
} as const;

export const SUPPORT_NEEDS: readonly string[] = ['Could we talk it through this week?', 'I need help planning the next step', 'I feel out of my depth with this'];
export const COMMITMENTS: readonly string[] = ['Share what I tried at the next briefing', 'Try it with my hardest class', 'Write up what I learned'];

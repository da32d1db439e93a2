import { LanesClosedError, SendLanes } from './send-lanes';

/** Lets every promise settled so far run its continuations. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const SMTP = { key: 'smtp:default', width: 2 };

describe('send lanes', () => {
  it('lets `width` sends in at once and the next ones in arrival order as places free up', async () => {
    const lanes = new SendLanes();
    const order: string[] = [];
    const leaves = new Map<string, () => void>();
    const enter = (name: string) =>
      lanes.enter(SMTP).then((leave) => {
        order.push(name);
        leaves.set(name, leave);
      });
    void enter('a');
    void enter('b');
    void enter('c');
    void enter('d');
    await settle();
    expect(order).toEqual(['a', 'b']);
    expect(lanes.occupancy(SMTP.key)).toEqual({ busy: 2, waiting: 2 });

    leaves.get('b')!();
    await settle();
    expect(order).toEqual(['a', 'b', 'c']);
    expect(lanes.occupancy(SMTP.key)).toEqual({ busy: 2, waiting: 1 });

    leaves.get('a')!();
    await settle();
    expect(order).toEqual(['a', 'b', 'c', 'd']);

    for (const name of ['c', 'd']) leaves.get(name)!();
    expect(lanes.occupancy(SMTP.key)).toEqual({ busy: 0, waiting: 0 });
  });

  it('gives a place at once only while the lane has one free, and never queues a send that asks for one now', async () => {
    const lanes = new SendLanes();
    const first = lanes.tryEnter({ ...SMTP, width: 1 });
    expect(first).toBeDefined();
    expect(lanes.tryEnter({ ...SMTP, width: 1 })).toBeUndefined();
    expect(lanes.occupancy(SMTP.key)).toEqual({ busy: 1, waiting: 0 });
    first!();
    expect(lanes.tryEnter({ ...SMTP, width: 1 })).toBeDefined();
  });

  it('keeps lanes with different keys apart', async () => {
    const lanes = new SendLanes();
    const narrow = { key: 'smtp:organisation-a', width: 1 };
    await lanes.enter(narrow);
    expect(lanes.tryEnter({ key: 'smtp:organisation-b', width: 1 })).toBeDefined();
    expect(lanes.occupancy(narrow.key)).toEqual({ busy: 1, waiting: 0 });
  });

  it('refuses the sends still waiting when closed, and leaves the ones under way their places', async () => {
    const lanes = new SendLanes();
    const running = await lanes.enter({ ...SMTP, width: 1 });
    const waiting = [lanes.enter({ ...SMTP, width: 1 }), lanes.enter({ ...SMTP, width: 1 })];
    lanes.closeWaiting();
    for (const wait of waiting) await expect(wait).rejects.toBeInstanceOf(LanesClosedError);
    expect(lanes.occupancy(SMTP.key)).toEqual({ busy: 1, waiting: 0 });
    running();
    expect(lanes.occupancy(SMTP.key)).toEqual({ busy: 0, waiting: 0 });
  });

  it('counts a second leave of the same place as nothing', async () => {
    const lanes = new SendLanes();
    const leave = await lanes.enter({ ...SMTP, width: 1 });
    const next = lanes.enter({ ...SMTP, width: 1 });
    leave();
    leave();
    await next;
    expect(lanes.occupancy(SMTP.key)).toEqual({ busy: 1, waiting: 0 });
  });

  it('takes a width under one as one', async () => {
    const lanes = new SendLanes();
    expect(lanes.tryEnter({ key: 'zero', width: 0 })).toBeDefined();
    expect(lanes.tryEnter({ key: 'zero', width: 0 })).toBeUndefined();
  });
});

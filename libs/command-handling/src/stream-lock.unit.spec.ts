import { StreamLock } from './stream-lock';

/** A promise the test settles by hand, to hold work inside the lock. */
const gate = (): { opened: Promise<void>; open: () => void } => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('StreamLock', () => {
  it('runs work on one stream one at a time, in arrival order', async () => {
    const lock = new StreamLock();
    const log: string[] = [];
    let inside = 0;
    const work = (name: string) => async (): Promise<string> => {
      inside += 1;
      expect(inside).toBe(1);
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      inside -= 1;
      return name;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((name) => lock.run('tenant', 'stream', work(name))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets other streams, and the same stream id in another tenant, run meanwhile', async () => {
    const lock = new StreamLock();
    const held = gate();
    const first = lock.run('tenant-a', 'stream', () => held.opened);
    await expect(lock.run('tenant-a', 'other-stream', async () => 'other stream')).resolves.toBe('other stream');
    await expect(lock.run('tenant-b', 'stream', async () => 'other tenant')).resolves.toBe('other tenant');
    held.open();
    await first;
  });

  it('does not confuse keys whose parts run together', async () => {
    const lock = new StreamLock();
    const held = gate();
    const first = lock.run('a:b', 'c', () => held.opened);
    await expect(lock.run('a', 'b:c', async () => 'ran')).resolves.toBe('ran');
    held.open();
    await first;
  });

  it('passes a failure to its caller and moves on to the next in line', async () => {
    const lock = new StreamLock();
    const failing = lock.run('tenant', 'stream', async () => {
      throw new Error('decide failed');
    });
    const next = lock.run('tenant', 'stream', async () => 'next');
    await expect(failing).rejects.toThrow('decide failed');
    await expect(next).resolves.toBe('next');
  });

  it('forgets a stream once nothing holds or awaits it', async () => {
    const lock = new StreamLock();
    const held = gate();
    const first = lock.run('tenant', 'stream', () => held.opened);
    const second = lock.run('tenant', 'stream', async () => undefined);
    await lock.run('tenant', 'elsewhere', async () => undefined);
    expect(lock.size).toBe(1);
    held.open();
    await Promise.all([first, second]);
    expect(lock.size).toBe(0);
    await expect(lock.run('tenant', 'stream', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(lock.size).toBe(0);
  });
});

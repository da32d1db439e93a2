/**
 * Asks again (every 50 ms) until an answer satisfies `done` or the time is up, and resolves to the
 * last answer either way: read models and analytics follow the log on their own processors, so a
 * spec asks until they show what it wrote, then asserts on what it got. A count shows before the
 * events after it do: a spec asserting on those first waits for the processor (analyticsCaughtUp).
 */
export const askUntil = async <T>(ask: () => Promise<T>, done: (answer: T) => boolean, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ask();
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

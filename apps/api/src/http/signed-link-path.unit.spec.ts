import { shownPath, withShownPath } from './signed-link-path';

describe('what of a path may be shown', () => {
  const token = 'AQAAAAB.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

  it.each([
    ['/nope?secret=1', '/nope'],
    [`/answers/${token}?closer=YES`, '/answers/:token'],
    [`//answers/${token}`, '/answers/:token'],
    [`/answers//${token}`, '/answers/:token'],
    [`/answers%2F${token}`, '/answers/:token'],
    [`/UNSUBSCRIBE/${token}/more`, '/UNSUBSCRIBE/:token'],
    ['/answers', '/answers'],
    // The absolute form a forward proxy's client sends: served by its path, so shown by it.
    [`http://stepwise.example.com/answers/${token}?closer=YES`, '/answers/:token'],
    [`HTTPS://127.0.0.1:3000//unsubscribe/${token}`, '/unsubscribe/:token'],
    ['http://stepwise.example.com', '/'],
    ['http://stepwise.example.com?x=1', '/'],
  ])('%s shows as %s', (url, shown) => {
    expect(shownPath(url)).toBe(shown);
  });

  it("leaves a signed link's token out of the router's refusal, and any other message as it is", () => {
    expect(withShownPath(`Cannot GET /answers//${token}?closer=YES`, `/answers//${token}?closer=YES`)).toBe('Cannot GET /answers/:token');
    expect(withShownPath('Cannot POST /nope', '/nope')).toBe('Cannot POST /nope');
    expect(withShownPath('The request body could not be read', '/health')).toBe('The request body could not be read');
    expect(withShownPath('Cannot GET /', '')).toBe('Cannot GET /');
  });
});

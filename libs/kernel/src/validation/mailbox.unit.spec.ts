import { isMailbox } from './mailbox';

describe('an email address', () => {
  it.each(['ada@example.com', 'ada.lovelace+nudges@mail.example.co.uk', 'ben@xn--bcher-kva.de', 'zoë@bücher.de', `${'a'.repeat(64)}@example.com`])('takes %s', (address) => {
    expect(isMailbox(address)).toBe(true);
  });

  // Each of these was once stored as a member's email and then refused by the email channel at every send.
  it.each([
    'a<b>@example.com',
    'a,b@example.com',
    '"quoted"@example.com',
    'a(b)@example.com',
    'a..b@example.com',
    '.a@example.com',
    'a.@example.com',
    `${'a'.repeat(65)}@example.com`,
    'a b@example.com',
    'a@example',
    'a@example..com',
    'a@[127.0.0.1]',
    '@example.com',
    'a@b@example.com',
    // Characters that show nothing or are not text: a bell, an escape, DEL, NEL, a zero-width space, a direction override.
    'p\u0007at@example.com',
    'p\u001bat@example.com',
    'p\u007fat@example.com',
    'p\u0085at@example.com',
    'p\u200bat@example.com',
    'p\u202eat@example.com',
  ])('refuses %j', (address) => {
    expect(isMailbox(address)).toBe(false);
  });
});

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
  ])('refuses %s', (address) => {
    expect(isMailbox(address)).toBe(false);
  });
});

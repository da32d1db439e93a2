import { randomUUID } from 'node:crypto';
import { AnswerLinkSigner } from '../answers/answer-link.signer';
import { answerLinks } from '../answers/answer-links';
import { SIGNED_LINK_MARKER, MIN_TOKEN_PIECE, scrubSignedLinks } from './signed-link.scrub';

const signer = new AnswerLinkSigner(Buffer.alloc(32, 7));
const now = new Date('2026-03-02T09:00:00.000Z');
const issue = () => answerLinks(signer, { tenantId: randomUUID(), memberId: randomUUID(), journeyId: randomUUID(), stepId: randomUUID(), nudgeId: randomUUID() }, 'https://stepwise.example.test', now);

describe('taking signed links out of what a receiver answered', () => {
  const links = issue();
  const { token } = links;

  it('marks each place the message’s token stood, and keeps the rest as it came', () => {
    const echoed = JSON.stringify({ actions: links.actions.map((action) => ({ url: action.url })), value: `YES:${token}` });
    const scrubbed = scrubSignedLinks(`Slack answered 502: ${echoed}`, [token])!;
    expect(scrubbed).not.toContain(token);
    expect(scrubbed).toBe(
      `Slack answered 502: {"actions":[` +
        `{"url":"https://stepwise.example.test/answers/${SIGNED_LINK_MARKER}?closer=YES"},` +
        `{"url":"https://stepwise.example.test/answers/${SIGNED_LINK_MARKER}?closer=NO"},` +
        `{"url":"https://stepwise.example.test/answers/${SIGNED_LINK_MARKER}?closer=UNSURE"}],` +
        `"value":"YES:${SIGNED_LINK_MARKER}"}`,
    );
  });

  it('finds a token run into the characters around it, as in a form body', () => {
    const form = new URLSearchParams({ text: `Yes, closer: ${links.actions[0].url}` }).toString();
    expect(scrubSignedLinks(form, [token])).toBe(`text=Yes%2C+closer%3A+https%3A%2F%2Fstepwise.example.test%2Fanswers%2F${SIGNED_LINK_MARKER}%3Fcloser%3DYES`);
  });

  it('takes out a token cut short by an excerpt, or broken over lines', () => {
    const cut = `HTTP 500: ${links.pageUrl}`.slice(0, 200);
    expect(cut).toContain(token.slice(0, 120));
    expect(scrubSignedLinks(cut, [token])).toBe(`HTTP 500: https://stepwise.example.test/answers/${SIGNED_LINK_MARKER}`);
    const wrapped = `250 queued: ${token.slice(0, 75)}=\r\n${token.slice(75, 150)}=\r\n${token.slice(150)}`;
    expect(scrubSignedLinks(wrapped, [token])).toBe(`250 queued: ${SIGNED_LINK_MARKER}=\r\n${SIGNED_LINK_MARKER}=\r\n${SIGNED_LINK_MARKER}`);
  });

  it('takes out the signature on its own, or the most of it a cut can leave', () => {
    const signature = token.split('.')[1];
    expect(scrubSignedLinks(`sig=${signature}&x=1`, [token])).toBe(`sig=${SIGNED_LINK_MARKER}&x=1`);
    const end = `…${token.slice(-MIN_TOKEN_PIECE)}`;
    expect(scrubSignedLinks(end, [token])).toBe(`…${SIGNED_LINK_MARKER}`);
  });

  it('leaves a piece too short to matter, and text that holds no token', () => {
    const short = `…${token.slice(-(MIN_TOKEN_PIECE - 1))}`;
    expect(scrubSignedLinks(short, [token])).toBe(short);
    expect(scrubSignedLinks('posted to D0ADA0001 at 1760000000.000001', [token])).toBe('posted to D0ADA0001 at 1760000000.000001');
    expect(scrubSignedLinks(null, [token])).toBeNull();
  });

  it('looks only for the tokens the message carried: another token, or a long id, stays', () => {
    const other = issue().token;
    const longId = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEfGhIjKlMnOpQrStUvWxYz';
    expect(scrubSignedLinks(`${other} ${longId}`, [token])).toBe(`${other} ${longId}`);
    expect(scrubSignedLinks(`${other} ${token}`, [token, other])).toBe(`${SIGNED_LINK_MARKER} ${SIGNED_LINK_MARKER}`);
    expect(scrubSignedLinks(token, [])).toBe(token);
  });
});

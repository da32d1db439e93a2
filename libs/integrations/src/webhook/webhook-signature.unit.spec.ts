import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newWebhookSecret } from './webhook-secret';
import { signWebhook } from './webhook-signature';

describe('signWebhook', () => {
  it('matches the Standard Webhooks reference vector', () => {
    expect(
      signWebhook(
        { id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' },
        ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs once per secret, so a receiver holding any one of them verifies', () => {
    const [newer, older, stranger] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()];
    const message = { id: 'msg_rotation', timestamp: Math.floor(Date.now() / 1000), body: '{"type":"nudge","data":{"é":"ü"}}' };
    const signature = signWebhook(message, [newer, older]);
    const headers = { 'webhook-id': message.id, 'webhook-timestamp': String(message.timestamp), 'webhook-signature': signature };

    expect(signature.split(' ')).toHaveLength(2);
    expect(new Webhook(newer).verify(message.body, headers)).toEqual({ type: 'nudge', data: { é: 'ü' } });
    expect(new Webhook(older).verify(message.body, headers)).toEqual({ type: 'nudge', data: { é: 'ü' } });
    expect(() => new Webhook(stranger).verify(message.body, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newer).verify(`${message.body} `, headers)).toThrow(WebhookVerificationError);
  });

  it('will not sign without a secret, or with a malformed one', () => {
    const message = { id: 'msg_1', timestamp: 1, body: '{}' };
    expect(() => signWebhook(message, [])).toThrow(RangeError);
    expect(() => signWebhook(message, ['not-a-secret'])).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

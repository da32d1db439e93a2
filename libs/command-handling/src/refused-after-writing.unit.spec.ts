import { CodedError } from '@stepwise/kernel';
import { refusedAfterWriting, writtenBeforeRefusal } from './refused-after-writing';

describe('a refusal after writing', () => {
  const position = { txId: 41, globalPosition: 7 };

  it('keeps the error as it was (code, message, class) and says where the writes end', () => {
    const error = refusedAfterWriting(new CodedError('MEMBER_NOT_FOUND', 'gone'), position);
    expect(error).toBeInstanceOf(CodedError);
    expect(error).toMatchObject({ code: 'MEMBER_NOT_FOUND', message: 'gone' });
    expect(writtenBeforeRefusal(error)).toEqual(position);
    // Not part of what is shown or serialised.
    expect(Object.keys(error)).not.toContain('writtenThrough');
    expect(JSON.stringify(error)).not.toContain('41');
  });

  it('says nothing for a refusal that wrote nothing, or for anything else thrown', () => {
    expect(writtenBeforeRefusal(refusedAfterWriting(new Error('x'), undefined))).toBeUndefined();
    expect(writtenBeforeRefusal(new Error('x'))).toBeUndefined();
    expect(writtenBeforeRefusal('text')).toBeUndefined();
    expect(writtenBeforeRefusal(null)).toBeUndefined();
  });
});

import { shownUrl } from './shown-url';

describe('shownUrl', () => {
  it('hides a password in the user-info part and in secret-bearing query parameters, and nothing else', () => {
    expect(shownUrl('postgres://app:s3cret@db.example:5432/stepwise?sslmode=require')).toBe('postgres://app:***@db.example:5432/stepwise?sslmode=require');
    expect(shownUrl('postgres://db.example/x?password=s3cret&application_name=api')).toBe('postgres://db.example/x?password=***&application_name=api');
    expect(shownUrl('postgres://db.example/x?sslpassword=a&sslkey=%2Fkeys%2Fk.pem')).toBe('postgres://db.example/x?sslpassword=***&sslkey=***');
    expect(shownUrl('redis://:s3cret@127.0.0.1:6379/0')).toBe('redis://:***@127.0.0.1:6379/0');
    expect(shownUrl('not a url s3cret')).toBe('a URL that does not parse');
  });
});

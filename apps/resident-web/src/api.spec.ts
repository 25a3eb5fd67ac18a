import { ApiError, NETWORK, errorFromGraphql, outcomeOf, uploadError } from './api.js';

describe('answers of the gateway', () => {
  it('reads code, reason and field problems from a GraphQL error', () => {
    const e = errorFromGraphql({ message: 'invalid input', extensions: { code: 'VALIDATION', reason: 'CONTACT_NEEDED', fields: [{ path: 'contact.phone', message: 'bad' }, { path: 1 }] } });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'VALIDATION', reason: 'CONTACT_NEEDED', fields: [{ path: 'contact.phone', message: 'bad' }] });
  });

  it('takes an answer with any error as a failure, and one without data as a network failure', () => {
    expect(outcomeOf({ data: { resolveQr: { building: { name: '象山1栋' } } } })).toEqual({ data: { resolveQr: { building: { name: '象山1栋' } } } });
    expect(outcomeOf({ data: null, errors: [{ message: 'no', extensions: { code: 'NOT_FOUND', reason: 'QR_FORGED' } }] }).error).toMatchObject({ code: 'NOT_FOUND', reason: 'QR_FORGED' });
    expect(outcomeOf({}).error?.code).toBe(NETWORK);
    expect(outcomeOf(null).error?.code).toBe(NETWORK);
  });

  it('reads an upload refusal from its body, or from its status when something in front of the gateway answered', () => {
    expect(uploadError(415, { error: { code: 'VALIDATION', reason: 'ATTACHMENT_NOT_IMAGE', message: 'x' } })).toMatchObject({ code: 'VALIDATION', reason: 'ATTACHMENT_NOT_IMAGE' });
    expect(uploadError(413, '<html>413 Request Entity Too Large</html>')).toMatchObject({ reason: 'ATTACHMENT_TOO_LARGE' });
    expect(uploadError(415, null)).toMatchObject({ reason: 'ATTACHMENT_NOT_IMAGE' });
    expect(uploadError(429, null)).toMatchObject({ reason: 'TOO_MANY_UPLOADS' });
    expect(uploadError(502, null)).toMatchObject({ code: 'UNAVAILABLE' });
  });
});

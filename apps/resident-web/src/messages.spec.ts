import { ApiError, NETWORK } from './api.js';
import { fieldSentences, levelLabel, sentenceFor, stateLabel } from './messages.js';

const refusal = (code: string, reason?: string) => new ApiError(code, reason, 'english message for developers');
/** Chinese only: a resident never reads the service's English message. */
const CHINESE_SENTENCE = /^[^A-Za-z]*[\u4e00-\u9fff][^]*[。！？]$/;

describe('refusals as Chinese sentences', () => {
  it.each([
    ['NOT_FOUND', 'QR_FORGED', '不是本平台发放的'],
    ['NOT_FOUND', 'QR_REVOKED', '已经失效'],
    ['VALIDATION', 'QR_MALFORMED', '重新扫描'],
    ['VALIDATION', 'UNKNOWN_CATEGORY', '问题类型不存在'],
    ['VALIDATION', 'ANONYMOUS_NOT_ALLOWED', '不能匿名提交'],
    ['VALIDATION', 'ATTACHMENT_NOT_IMAGE', 'JPG、PNG 或 WebP'],
    ['VALIDATION', 'ATTACHMENT_TOO_LARGE', '照片太大'],
    ['UNAVAILABLE', 'TOO_MANY_UPLOADS', '过几分钟再试'],
    ['CONFLICT', 'ALREADY_RATED', '已经评价过了'],
    ['FORBIDDEN', 'NOT_THE_SUBMITTER', '提交人本人'],
    ['CONFLICT', 'WRONG_STATE', '刷新查看最新进度'],
  ])('%s %s says what happened and what to do', (code, reason, words) => {
    const sentence = sentenceFor(refusal(code, reason));
    expect(sentence).toContain(words);
    expect(sentence).toMatch(CHINESE_SENTENCE);
  });

  it('falls back to the code for a reason it does not know, and to a general sentence for an unknown code', () => {
    expect(sentenceFor(refusal('VALIDATION', 'SOMETHING_NEW'))).toBe('填写的内容有误，请检查后再提交。');
    expect(sentenceFor(refusal('UNAVAILABLE'))).toBe('服务暂时繁忙，请稍后再试。');
    expect(sentenceFor(refusal('TEAPOT'))).toBe('系统出了点问题，请稍后再试。');
    // The gateway's limits refuse what the page asked: nothing the resident typed is wrong.
    expect(sentenceFor(refusal('VALIDATION', 'QUERY_TOO_COSTLY'))).toBe('系统出了点问题，请稍后再试。');
  });

  it('says what was not found where the page knows it, and tells a network failure from a refusal', () => {
    expect(sentenceFor(refusal('NOT_FOUND'), { notFound: '没有找到查询码为 ABCD-EFGH-2345 的诉求，请核对后再查。' })).toContain('ABCD-EFGH-2345');
    expect(sentenceFor(refusal('NOT_FOUND'))).toBe('没有找到相关信息。');
    expect(sentenceFor(refusal(NETWORK))).toBe('网络连接失败，请检查网络后重试。');
    expect(sentenceFor(refusal(NETWORK, 'TIMEOUT'))).toContain('超时');
  });

  it('puts the service’s field problems on the form’s fields, in Chinese', () => {
    const fields = fieldSentences([
      { path: 'contact.phone', message: 'must be a mobile or landline number' },
      { path: 'description', message: 'Too big: expected string to have <=2000 characters' },
      { path: 'somethingElse', message: 'ignored' },
    ]);
    expect(Object.keys(fields).sort()).toEqual(['description', 'phone']);
    expect(fields.phone).toContain('11 位手机号');
    expect(fields.description).toMatch(CHINESE_SENTENCE);
  });
});

describe('states and levels', () => {
  it('names the states of the loop as residents say them', () => {
    expect(stateLabel('submitted')).toBe('待甄别');
    expect(stateLabel('screened')).toBe('已甄别');
    expect(stateLabel('resolved')).toBe('已办结');
    expect(stateLabel('closed')).toBe('已结案');
    expect(levelLabel('grid')).toBe('网格');
    expect(levelLabel('department')).toBe('职能部门');
  });
});

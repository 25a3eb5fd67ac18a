import type { Actor } from '@gov/kernel';
import { createHmac } from 'node:crypto';
import { eventTypeMatches, isKnownEventTypePattern } from './event-catalogue.js';
import { isWebhookRegion, mayManageWebhook, webhookCounty, webhookVisibleTo } from './webhook-policy.js';
import { verifyWebhookSignature, webhookBackoffMs, webhookSignature, webhookUrlProblem } from './webhook-signing.js';

const actor = (role: Actor['grants'][number]['role'], region: string): Actor => ({ accountId: 'a', personId: null, username: 'u', grants: [{ role, region }] });

describe('webhook policy', () => {
  it("lets a county's admins and the city's manage the county's webhooks, nobody else", () => {
    expect(mayManageWebhook(actor('county_admin', 'jingmen/dongbao'), 'jingmen/dongbao')).toBe(true);
    expect(mayManageWebhook(actor('city_admin', 'jingmen'), 'jingmen/duodao')).toBe(true);
    expect(mayManageWebhook(actor('city_admin', 'jingmen'), 'jingmen')).toBe(true);
    expect(mayManageWebhook(actor('county_admin', 'jingmen/dongbao'), 'jingmen')).toBe(false);
    expect(mayManageWebhook(actor('county_admin', 'jingmen/dongbao'), 'jingmen/duodao')).toBe(false);
    expect(mayManageWebhook(actor('street_admin', 'jingmen/dongbao/longquan'), 'jingmen/dongbao')).toBe(false);
    expect(mayManageWebhook(actor('grid_worker', 'jingmen/dongbao'), 'jingmen/dongbao')).toBe(false);
  });

  it('shows a webhook to people working above, on or below its region, never to another county', () => {
    expect(webhookVisibleTo(actor('resident', 'jingmen/dongbao/longquan'), 'jingmen/dongbao')).toBe(true);
    expect(webhookVisibleTo(actor('city_admin', 'jingmen'), 'jingmen/dongbao')).toBe(true);
    expect(webhookVisibleTo(actor('county_admin', 'jingmen/duodao'), 'jingmen/dongbao')).toBe(false);
    expect(webhookVisibleTo(actor('county_admin', 'jingmen/dongbao-x'), 'jingmen/dongbao')).toBe(false);
  });

  it('takes a county or the city as region, and matches events by their county token', () => {
    expect(['jingmen', 'jingmen/dongbao', 'jingmen/dongbao/longquan'].map(isWebhookRegion)).toEqual([true, true, false]);
    expect(webhookCounty('jingmen/dongbao')).toBe('dongbao');
    expect(webhookCounty('jingmen')).toBe('city');
  });
});

describe('event types a webhook subscribes to', () => {
  it('knows the catalogued types and the wildcards of services that have some', () => {
    expect(isKnownEventTypePattern('gov.petitions.petition.submitted.v1')).toBe(true);
    expect(isKnownEventTypePattern('gov.petitions.*')).toBe(true);
    expect(isKnownEventTypePattern('gov.integrations.webhook.created.v1')).toBe(true);
    expect(isKnownEventTypePattern('gov.petitions.petition.submitted.v9')).toBe(false);
    expect(isKnownEventTypePattern('gov.weather.*')).toBe(false);
  });

  it('matches exact types and service wildcards only', () => {
    expect(eventTypeMatches(['gov.petitions.*'], 'gov.petitions.petition.closed.v1')).toBe(true);
    expect(eventTypeMatches(['gov.petitions.*'], 'gov.petitions-x.petition.closed.v1')).toBe(false);
    expect(eventTypeMatches(['gov.tasks.task.published.v1'], 'gov.tasks.task.published.v1')).toBe(true);
    expect(eventTypeMatches(['gov.tasks.task.published.v1'], 'gov.tasks.task.closed.v1')).toBe(false);
  });
});

describe('webhook signing', () => {
  it('signs <timestamp>.<body> with HMAC-SHA256 and verifies only the same bytes, fresh', () => {
    const body = '{"id":"1"}';
    const sig = webhookSignature('whsec_x', 1_800_000_000, body);
    expect(sig).toBe(`v1=${createHmac('sha256', 'whsec_x').update(`1800000000.${body}`).digest('hex')}`);
    expect(verifyWebhookSignature('whsec_x', sig, '1800000000', body, 1_800_000_010)).toBe(true);
    expect(verifyWebhookSignature('whsec_x', sig, '1800000000', `${body} `, 1_800_000_010)).toBe(false);
    expect(verifyWebhookSignature('whsec_y', sig, '1800000000', body, 1_800_000_010)).toBe(false);
    expect(verifyWebhookSignature('whsec_x', sig, '1800000000', body, 1_800_001_000)).toBe(false);
  });

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 12].map((n) => webhookBackoffMs(n, 2000, 600_000))).toEqual([2000, 4000, 8000, 16000, 600_000]);
  });

  it('takes https, and plain http only to this machine when allowed', () => {
    expect(webhookUrlProblem('https://hooks.example.cn/x', false)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/x', true)).toBeNull();
    expect(webhookUrlProblem('http://localhost/x', true)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/x', false)).toBe('must be https');
    expect(webhookUrlProblem('http://hooks.example.cn/x', true)).toMatch(/https/);
    expect(webhookUrlProblem('https://u:p@hooks.example.cn/x', false)).toMatch(/password/);
  });
});

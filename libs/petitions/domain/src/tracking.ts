import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Letters and digits that cannot be misread over the phone (no I, O, 0, 1). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;
const SUBMITTER_KEY_BYTES = 24;

/** A tracking code (查询码) like `K7QM-3XRT-9HWA`: 60 random bits, read out by the hotline. */
export function newTrackingCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let s = '';
    for (let i = 0; i < GROUP_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** The key a submitter rates with when they have no account: shown once, stored as a hash. */
export function newSubmitterKey(): string {
  return randomBytes(SUBMITTER_KEY_BYTES).toString('base64url');
}

export function hashSubmitterKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

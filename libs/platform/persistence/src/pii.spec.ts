import { randomBytes } from 'node:crypto';
import { maskIdCard, maskPhone, PiiCipher } from './pii.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const hmac = randomBytes(32);
const phoneOfA = { table: 'person', column: 'phone_enc', rowId: 'a' };

describe('PiiCipher', () => {
  it('round-trips and never stores the plaintext', () => {
    const c = new PiiCipher({ k1 }, 'k1', hmac);
    const stored = c.encrypt('13812341234', phoneOfA);
    expect(stored).not.toContain('13812341234');
    expect(stored.startsWith('v2:k1:')).toBe(true);
    expect(c.decrypt(stored, phoneOfA)).toBe('13812341234');
    expect(c.encrypt('13812341234', phoneOfA)).not.toBe(stored); // random IV
  });

  it('reads values written with a retired key after rotation', () => {
    const old = new PiiCipher({ k1 }, 'k1', hmac);
    const stored = old.encrypt('420802199001011237', phoneOfA);
    const rotated = new PiiCipher({ k1, k2 }, 'k2', hmac);
    expect(rotated.decrypt(stored, phoneOfA)).toBe('420802199001011237');
    expect(rotated.needsRotation(stored)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('x', phoneOfA))).toBe(false);
  });

  it('rejects a tampered ciphertext', () => {
    const c = new PiiCipher({ k1 }, 'k1', hmac);
    const parts = c.encrypt('13812341234', phoneOfA).split(':');
    parts[4] = Buffer.from('99999999999').toString('base64');
    expect(() => c.decrypt(parts.join(':'), phoneOfA)).toThrow(/failed authentication/);
  });

  it('does not decrypt a value copied to another row or column', () => {
    const c = new PiiCipher({ k1 }, 'k1', hmac);
    const stored = c.encrypt('13812341234', phoneOfA);
    expect(() => c.decrypt(stored, { ...phoneOfA, rowId: 'b' })).toThrow(/failed authentication/);
    expect(() => c.decrypt(stored, { ...phoneOfA, column: 'id_card_enc' })).toThrow(/failed authentication/);
    expect(() => c.decrypt(stored, { ...phoneOfA, table: 'complainant' })).toThrow(/failed authentication/);
  });

  it('gives a stable blind index per value and key, case-insensitive', () => {
    const c = new PiiCipher({ k1 }, 'k1', hmac);
    expect(c.blindIndex('42080219900101123x')).toBe(c.blindIndex('42080219900101123X'));
    expect(c.blindIndex('13812341234')).not.toBe(c.blindIndex('13812341235'));
    expect(new PiiCipher({ k1 }, 'k1', randomBytes(32)).blindIndex('13812341234')).not.toBe(c.blindIndex('13812341234'));
  });

  it('refuses keys of the wrong size', () => {
    expect(() => new PiiCipher({ k1: randomBytes(16) }, 'k1', hmac)).toThrow(/32 bytes/);
    expect(() => new PiiCipher({ k1 }, 'k9', hmac)).toThrow(/not among/);
  });

  it('masks phones and ID numbers', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskIdCard('420802199001011237')).toBe('420802********1237');
  });
});

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM with a key id in every ciphertext, so keys can rotate
 * (docs/adr/0005-personal-data.md). Equality lookups go through an HMAC blind index that never
 * leaves the database as plaintext.
 *
 * Stored form: `v1:<kid>:<iv b64>:<tag b64>:<ciphertext b64>`.
 */
export class PiiCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    keys: Record<string, Buffer>,
    private readonly activeKeyId: string,
    private readonly hmacKey: Buffer,
  ) {
    this.keys = new Map(Object.entries(keys));
    for (const [kid, key] of this.keys) if (key.length !== 32) throw new Error(`PII key ${kid} must be 32 bytes`);
    if (!this.keys.has(activeKeyId)) throw new Error(`PII active key ${activeKeyId} is not among the keys`);
    if (hmacKey.length < 32) throw new Error('PII HMAC key must be at least 32 bytes');
  }

  /** Parses `kid:base64,kid2:base64` as found in PII_KEYS. */
  static parseKeys(spec: string): Record<string, Buffer> {
    return Object.fromEntries(
      spec.split(',').map((pair) => {
        const [kid, b64] = pair.split(':');
        if (!kid || !b64) throw new Error('PII_KEYS must look like kid:base64key[,kid2:base64key]');
        return [kid.trim(), Buffer.from(b64.trim(), 'base64')];
      }),
    );
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', this.activeKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
  }

  decrypt(stored: string): string {
    const [v, kid, iv, tag, ct] = stored.split(':');
    const key = kid ? this.keys.get(kid) : undefined;
    if (v !== 'v1' || !key || !iv || !tag || ct === undefined) throw new Error(`cannot decrypt: unknown format or key ${kid}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
  }

  /** The key id a stored value was written with (rotation re-encrypts those not on the active key). */
  keyIdOf(stored: string): string {
    return stored.split(':')[1] ?? '';
  }

  needsRotation(stored: string): boolean {
    return this.keyIdOf(stored) !== this.activeKeyId;
  }

  blindIndex(value: string): string {
    return createHmac('sha256', this.hmacKey).update(value.trim().toUpperCase()).digest('hex');
  }
}

/** 13812341234 → 138****1234 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 420802199001011234 → 420802********1234 (the region prefix stays: it is on every card issued there). */
export function maskIdCard(id: string): string {
  return id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '****';
}

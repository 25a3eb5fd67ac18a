import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Personal data at rest: AES-256-GCM with a key id in every ciphertext, so keys can rotate
 * (docs/adr/0005-personal-data.md). Equality lookups go through an HMAC blind index that never
 * leaves the database as plaintext.
 *
 * Every ciphertext is bound to its place (table, column and row id, as GCM associated data): a
 * value copied into another row or column by someone with write access to the database does not
 * decrypt there, so it cannot be used to read one person's data as another's.
 *
 * Stored form: `v2:<kid>:<iv b64>:<tag b64>:<ciphertext b64>`.
 */

/** Where a value is stored; part of what the ciphertext authenticates. */
export interface PiiPlace {
  table: string;
  column: string;
  rowId: string;
}

const FORMAT = 'v2';
const aad = (p: PiiPlace) => Buffer.from(`${p.table}.${p.column}.${p.rowId}`, 'utf8');
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

  encrypt(plain: string, place: PiiPlace): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(aad(place));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [FORMAT, this.activeKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
  }

  /** Throws when the value was not written for this place (or was altered). */
  decrypt(stored: string, place: PiiPlace): string {
    const [v, kid, iv, tag, ct] = stored.split(':');
    const key = kid ? this.keys.get(kid) : undefined;
    if (v !== FORMAT || !key || !iv || !tag || ct === undefined) throw new Error(`cannot decrypt ${place.table}.${place.column} of ${place.rowId}: unknown format or key ${kid}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(aad(place));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`personal data in ${place.table}.${place.column} of ${place.rowId} failed authentication: altered, or copied from elsewhere`);
    }
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

const base64Key = (bytes: number) => z.string().refine((s) => Buffer.from(s, 'base64').length >= bytes, `must be base64 of at least ${bytes} bytes`);

/** The settings of every service that stores personal data (extend a service's config with its shape). */
export const piiConfigSchema = z.object({
  /** `kid:base64(32 bytes)[,kid:…]`: every key that may have encrypted stored data. */
  PII_KEYS: z.string().regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, 'must be kid:base64key[,kid:base64key]'),
  /** The key new values are encrypted with. */
  PII_ACTIVE_KEY_ID: z.string().min(1),
  PII_HMAC_KEY: base64Key(32),
});
export type PiiConfig = z.infer<typeof piiConfigSchema>;

export function piiCipherFromConfig(c: PiiConfig): PiiCipher {
  return new PiiCipher(PiiCipher.parseKeys(c.PII_KEYS), c.PII_ACTIVE_KEY_ID, Buffer.from(c.PII_HMAC_KEY, 'base64'));
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Sealing of cache entries that hold RESTRICTED data (needs-assessment findings and
 * recommendations): AES-256-GCM, with the cache key as additional data so an entry cannot be moved
 * to another key. The store (Redis, its backups, a MONITOR session, any other service's user)
 * sees only ciphertext.
 *
 * The key is random per process and never leaves it, so there is nothing to configure, leak or
 * rotate: an entry sealed by another process (a replica, or before a restart) does not open and
 * counts as a miss, read again from the database. Purges still work, since they delete by key.
 */
export interface CacheSealer {
  seal(cacheKey: string, value: string): string;
  /** The value, or `null` when the entry is not sealed by this process's key (a miss). */
  open(cacheKey: string, sealed: string): string | null;
}

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createCacheSealer(key: Buffer = randomBytes(32)): CacheSealer {
  return {
    seal(cacheKey, value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(cacheKey));
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(cacheKey, sealed) {
      if (!sealed.startsWith(PREFIX)) {
        return null;
      }
      const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) {
        return null;
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(cacheKey));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

let processSealer: CacheSealer | undefined;

/** This process's sealer: one random key for its lifetime. */
export function processCacheSealer(): CacheSealer {
  processSealer ??= createCacheSealer();
  return processSealer;
}

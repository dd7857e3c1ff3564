/**
 * Links through which Zenvia fetches the files we send (a `file` content's `fileUrl`, a media
 * header's `imageUrl` / `videoUrl` / `documentUrl`): Zenvia takes files by URL only, so each
 * attachment sent is served at `GET /files/zenvia/<id>/<expires>/<signature>/<name>` on the public
 * address Zenvia already reaches for webhooks. A link is unguessable and short-lived: the
 * signature is an HMAC-SHA256 of the attachment id and the expiry under a random key kept in the
 * database (the same on every instance, never sent anywhere), compared in constant time; an
 * expired, altered or unknown link gets 404 and serves nothing. It serves exactly the stored bytes.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/db';
import { settingOrCreate } from '../../repo/auth';
import { sameSecret } from '../secrets';

const KEY_SETTING = 'zenvia.file-link-key';
/** Long enough for Zenvia to fetch the file for the send (and its retries), short enough to be worth little if leaked. */
export const LINK_LIFETIME_MS = 24 * 3600_000;
export const FILES_PATH = '/files/zenvia';

export class FileLinks {
  private key: Buffer | null = null;

  constructor(private readonly publicUrl: string) {}

  /** Reads (or, the first time on this database, creates) the signing key. */
  async load(db: Queryable): Promise<void> {
    this.key = Buffer.from(await settingOrCreate(db, KEY_SETTING, randomBytes(32).toString('base64url')), 'base64url');
  }

  private sign(id: string, expires: number): string {
    if (!this.key) throw new Error('file links are not ready (the signing key is not loaded)');
    return createHmac('sha256', this.key).update(`zenvia-file:${id}:${expires}`).digest('base64url');
  }

  /** A link to attachment `id`, valid until `now` plus LINK_LIFETIME_MS. */
  link(id: string, fileName: string | null, now: Date): string {
    const expires = Math.floor((now.getTime() + LINK_LIFETIME_MS) / 1000);
    const name = encodeURIComponent(fileName?.trim() || 'file');
    return `${this.publicUrl}${FILES_PATH}/${id}/${expires}/${this.sign(id, expires)}/${name}`;
  }

  /** Whether a link's parts are ours and not expired at `now`. */
  valid(id: string, expiresText: string, signature: string, now: Date): boolean {
    if (!/^\d{1,12}$/.test(expiresText) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
    const expires = Number(expiresText);
    if (expires * 1000 <= now.getTime()) return false;
    return sameSecret(signature, this.sign(id, expires));
  }
}

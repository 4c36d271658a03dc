import type { Kysely, Transaction } from 'kysely';
import type { ChannelName } from '../../platform/channels/channel.ts';
import type { PiiCipher } from '../../platform/crypto.ts';
import { isUniqueViolation, type Schema } from '../../platform/db/index.ts';
import { AppError } from '../../platform/http/errors.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface ContactPoint {
  personId: number;
  channel: ChannelName;
  /**
   * In the channel's own form: a push subscription as JSON, an E.164 number, a Telegram chat id, an email address.
   * Stored only encrypted.
   */
  address: string;
}

/**
 * What makes two addresses the same, for the blind index: the push endpoint (the keys of a subscription change
 * when the browser renews it), the number, the chat id, the lower-cased email.
 */
export function addressIdentity(channel: ChannelName, address: string): string {
  switch (channel) {
    case 'push': {
      const endpoint = (JSON.parse(address) as { endpoint?: unknown }).endpoint;
      if (typeof endpoint !== 'string') throw new Error('a push subscription needs an endpoint');
      return endpoint;
    }
    case 'sms':
      if (!/^\+[1-9]\d{7,14}$/.test(address)) throw new Error('an SMS address is an E.164 number');
      return address;
    case 'telegram':
      return address.trim();
    case 'email':
      return address.trim().toLowerCase();
  }
}

const hashOf = (cipher: PiiCipher, channel: ChannelName, identity: string) => cipher.blindIndex(identity, `contact:${channel}`);

/**
 * Records where a person can be reached. The same address on the same channel is one live row: for this person it
 * is refreshed (a renewed push subscription), for another person the old row is revoked and a new one made (a browser
 * belongs to whoever signed in on it last; their queued messages are then not sent to it). Returns the live row's id.
 */
export async function saveContactPoint(trx: Transaction<Schema>, cipher: PiiCipher, cp: ContactPoint): Promise<{ id: number; created: boolean }> {
  const hash = hashOf(cipher, cp.channel, addressIdentity(cp.channel, cp.address));
  const sealed = { address_enc: cipher.encrypt(cp.address), pii_key_id: cipher.keyId };
  const live = await trx
    .selectFrom('contact_points')
    .select(['id', 'person_id'])
    .where('channel', '=', cp.channel)
    .where('address_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (live?.person_id === cp.personId) {
    await trx.updateTable('contact_points').set(sealed).where('id', '=', live.id).execute();
    return { id: live.id, created: false };
  }
  if (live) await trx.updateTable('contact_points').set({ revoked_at: new Date() }).where('id', '=', live.id).execute();
  try {
    const row = await trx
      .insertInto('contact_points')
      .values({ person_id: cp.personId, channel: cp.channel, address_hash: hash, ...sealed })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, created: true };
  } catch (error) {
    // Two first registrations of one address at the same instant: the loser may simply try again.
    if (isUniqueViolation(error, 'contact_points_live')) throw new AppError('conflict', 'this address was being registered at the same time; try again');
    throw error;
  }
}

/** Revokes a person's live contact point at this address; answers whether there was one. Another person's is left alone. */
export async function revokeContactPoint(db: Db, cipher: PiiCipher, cp: ContactPoint): Promise<boolean> {
  const r = await db
    .updateTable('contact_points')
    .set({ revoked_at: new Date() })
    .where('person_id', '=', cp.personId)
    .where('channel', '=', cp.channel)
    .where('address_hash', '=', hashOf(cipher, cp.channel, addressIdentity(cp.channel, cp.address)))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

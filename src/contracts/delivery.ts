import { z } from 'zod';

const base64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'base64url');

/**
 * A push service's address for one browser. Only https, and only a host name with a dot (no address literal, no
 * `localhost`): the server posts to it, so it must not be a way to reach inside the server's own network.
 */
export const PushEndpoint = z
  .url()
  .max(1000)
  .refine((u) => {
    if (!URL.canParse(u)) return false; // zod runs refinements after a failed format check too
    const { protocol, hostname } = new URL(u);
    const ipLiteral = /^\d+(\.\d+){3}$/.test(hostname) || hostname.startsWith('[');
    return protocol === 'https:' && hostname.includes('.') && !ipLiteral && !/(^|\.)(localhost|local|internal)$/i.test(hostname);
  }, 'an https push service address');

/** POST /api/me/push-subscriptions: the browser's `PushSubscription.toJSON()`. */
export const PushSubscription = z.object({
  endpoint: PushEndpoint,
  expirationTime: z.number().nullable().optional(),
  keys: z.object({ p256dh: base64url(200), auth: base64url(100) }),
});
export type PushSubscription = z.infer<typeof PushSubscription>;

/** DELETE /api/me/push-subscriptions: which of the caller's subscriptions to forget. */
export const PushUnsubscribe = z.object({ endpoint: z.string().min(1).max(1000) });

export const PushSubscribed = z.object({ ok: z.literal(true) });
export const PushUnsubscribed = z.object({ removed: z.boolean() });

/** GET /api/push/vapid-public-key: the key browsers subscribe with, or null when this server sends no push. */
export const VapidPublicKey = z.object({ publicKey: z.string().nullable() });

/** GET /api/me/channels: how the caller is reached outside the app. */
export const MyChannels = z.object({
  /** Browsers and phones with push turned on. */
  pushDevices: z.number().int(),
  /** SMS to the caller's own number (masked), or null when off. */
  sms: z.string().nullable(),
  /** The email address (masked), or null when off. */
  email: z.string().nullable(),
});
export type MyChannels = z.infer<typeof MyChannels>;

/** PUT /api/me/channels: turn SMS to one's own number on or off, set or clear an email address. */
export const SetMyChannels = z.strictObject({
  sms: z.boolean().optional(),
  email: z.email().max(200).nullable().optional(),
});
export type SetMyChannels = z.infer<typeof SetMyChannels>;

import type { Expression } from 'kysely';
import type { ZodType } from 'zod';

/** A message in one language, as a channel carries it. `url` may be a path in the app (`/directives/7`): it is made absolute. */
export interface Rendered {
  title: string;
  body: string;
  url?: string;
}

export type Lang = 'hi' | 'en';

/**
 * A kind of message other features send outside the app. The outbox row carries the payload; the topic says who
 * gets it and what it says.
 */
export interface Topic<P = unknown> {
  /** Lower-case, dotted: `directive.issued`. */
  name: string;
  /** The consent purpose (`consents.purpose`) a person must have live to be sent this. */
  purpose: string;
  /** Parses the stored payload; a payload it refuses is never dispatched (the outbox row keeps the error). */
  payload?: ZodType<P>;
  /**
   * The people to reach, set-based: a query selecting `person_id` (duplicates are fine). It is run inside the
   * dispatch's INSERT … SELECT, so a national audience is one statement, never a list in memory. Consent, age,
   * erasure, contact points and election silence are applied by the dispatcher, not here.
   */
  recipients(payload: P): Expression<{ person_id: number }>;
  /** The message in a language. Called once per language per batch of sends, not per person. */
  render(payload: P, lang: Lang): Rendered;
}

const topics = new Map<string, Topic>();

/**
 * Makes a topic known to this process's delivery worker. Call it when the owning feature's module loads (or at
 * startup); registering the same name again replaces the topic. Outbox rows of topics no process knows wait.
 */
export function registerTopic<P>(topic: Topic<P>): void {
  if (!/^[a-z][a-z0-9_.]*$/.test(topic.name)) throw new Error(`bad topic name ${topic.name}`);
  if (!/^[a-z][a-z0-9_]*$/.test(topic.purpose)) throw new Error(`bad consent purpose ${topic.purpose}`);
  topics.set(topic.name, topic as unknown as Topic);
}

/** The topic of a name, if registered. */
export function topicOf(name: string): Topic | undefined {
  return topics.get(name);
}

/** Names of every registered topic: the dispatcher claims only their rows. */
export function topicNames(): string[] {
  return [...topics.keys()];
}

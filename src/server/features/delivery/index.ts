/**
 * Delivery: carrying messages outside the app. Other features `enqueue` in their own transaction and `registerTopic`
 * to say who gets a topic and what it says; the worker dispatches outbox rows into deliveries (consent, silence and
 * contact points applied set-based) and sends them on each configured channel, at its rate, with retries.
 */
export { enqueue, type OutboxMessage } from './outbox.ts';
export { registerTopic, type Topic, type Rendered, type Lang } from './topics.ts';
export { startDeliveryWorker, defaultTuning, type DeliveryWorker, type DeliveryWorkerDeps, type DeliveryTuning } from './worker.ts';
export { deliveryStats, deadDeliveries, outboxIdsByKey, type DeliveryStats } from './stats.ts';
export { saveContactPoint, revokeContactPoint, type ContactPoint } from './contact-points.ts';
export { deliveryRoutes, type DeliveryDeps } from './delivery.routes.ts';

import { createRoute, z } from '@hono/zod-openapi';
import {
  AttendanceMarks,
  Checkin,
  CheckinCode,
  CheckinResult,
  CreateEvent,
  EventDetail,
  EventId,
  EventKind,
  EventList,
  EventListQuery,
  EventPage,
  EventRecord,
  EventRollup,
  PersonAttendance,
  Roll,
  RollQuery,
  Rsvp,
  UnitEventsQuery,
  UpdateEvent,
  WalkIn,
  WalkInNames,
  WalkInNamesResult,
  WalkInResult,
} from '../../../contracts/events.ts';
import { UnitId } from '../../../contracts/org.ts';
import { createRouter } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/context.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../platform/http/openapi.ts';
import { checkIn, checkinCode, markAttendance } from './attendance.service.ts';
import { eventsBelow } from './below.service.ts';
import { createEvent } from './create.service.ts';
import type { EventsDeps } from './deps.ts';
import { listEventKinds } from './kinds.ts';
import { updateEvent } from './edit.service.ts';
import { answerRsvp, cancelEvent, recordEvent } from './manage.service.ts';
import { eventDetail, myEvents, personAttendance, unitEvents } from './read.service.ts';
import { rollCall } from './roll.service.ts';
import { eventRollup } from './rollup.service.ts';
import { addWalkIn, addWalkInNames } from './walk-ins.service.ts';

const tags = ['events'];
const params = z.object({ id: EventId });

/** Events: create (and hold at every unit of a level), read, RSVP, run (venue, attendance, record) and roll up. */
export function eventRoutes(deps: EventsDeps) {
  const r = createRouter();
  const { db } = deps;

  r.openapi(
    createRoute({
      method: 'get',
      path: '/event-kinds',
      tags,
      responses: { 200: jsonResponse(z.object({ items: z.array(EventKind) }), 'the kinds offered'), ...errorResponses },
    }),
    async (c) => {
      actorOf(c);
      return c.json({ items: await listEventKinds(db) }, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/events',
      tags,
      request: jsonBody(CreateEvent),
      responses: {
        201: jsonResponse(EventDetail, 'created, with its linked events when held at every unit of a level'),
        200: jsonResponse(EventDetail, 'already created with this clientKey: nothing changed'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id, created } = await createEvent(deps, actor, c.req.valid('json'));
      return c.json(await eventDetail(db, actor, id), created ? 201 : 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/events',
      tags,
      request: { query: EventListQuery },
      responses: { 200: jsonResponse(EventList, 'your events (view=mine) or a unit’s (view=unit)'), ...errorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const q = c.req.valid('query');
      const items = q.view === 'unit' ? await unitEvents(db, actor, q.unitId ?? -1, q) : await myEvents(db, actor, q);
      return c.json({ items }, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/events',
      tags,
      request: { params: z.object({ id: UnitId }), query: UnitEventsQuery },
      responses: { 200: jsonResponse(EventPage, 'the events held in the unit’s subtree, a page at a time'), ...errorResponses },
    }),
    async (c) => c.json(await eventsBelow(db, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/events/{id}',
      tags,
      request: { params },
      responses: { 200: jsonResponse(EventDetail, 'the event'), ...errorResponses },
    }),
    async (c) => c.json(await eventDetail(db, actorOf(c), c.req.valid('param').id), 200),
  );

  r.openapi(
    createRoute({
      method: 'patch',
      path: '/events/{id}',
      tags,
      request: { params, ...jsonBody(UpdateEvent) },
      responses: { 200: jsonResponse(EventDetail, 'changed (a new time is announced to the audience and moves the reminder)'), ...errorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await updateEvent(deps, actor, id, c.req.valid('json'));
      return c.json(await eventDetail(db, actor, id), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/events/{id}/cancel',
      tags,
      request: { params },
      responses: { 200: jsonResponse(EventDetail, 'called off, with its linked events (again: unchanged)'), ...errorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await cancelEvent(db, actor, id);
      return c.json(await eventDetail(db, actor, id), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'put',
      path: '/events/{id}/rsvp',
      tags,
      request: { params, ...jsonBody(Rsvp) },
      responses: { 200: jsonResponse(EventDetail, 'your answer, replacing an earlier one'), ...errorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await answerRsvp(db, actor, id, c.req.valid('json'));
      return c.json(await eventDetail(db, actor, id), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/events/{id}/checkin-code',
      tags,
      request: { params },
      responses: { 200: jsonResponse(CheckinCode, 'the code to show as a QR now; ask again after refreshInMs'), ...errorResponses },
    }),
    async (c) => c.json(await checkinCode(deps, actorOf(c), c.req.valid('param').id, c.get('selfUrl')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/events/{id}/checkin',
      tags,
      request: { params, ...jsonBody(Checkin) },
      responses: { 200: jsonResponse(CheckinResult, 'present (already: it was recorded before)'), ...errorResponses },
    }),
    async (c) => c.json(await checkIn(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').token), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/events/{id}/roll',
      tags,
      request: { params, query: RollQuery },
      responses: { 200: jsonResponse(Roll, 'a page of the roll call, by unit and name, with its counts per unit'), ...errorResponses },
    }),
    async (c) => c.json(await rollCall(db, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/events/{id}/attendance',
      tags,
      request: { params, ...jsonBody(AttendanceMarks) },
      responses: { 200: jsonResponse(Roll, 'marked present (marking again changes nothing); the roll call after'), ...errorResponses },
    }),
    async (c) => c.json(await markAttendance(db, actorOf(c), c.req.valid('param').id, c.req.valid('json').marks), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/events/{id}/walk-ins',
      tags,
      request: { params, ...jsonBody(WalkIn) },
      responses: { 200: jsonResponse(WalkInResult, 'found or added (by phone, or by name without one), and marked present'), ...errorResponses },
    }),
    async (c) => c.json(await addWalkIn(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/events/{id}/walk-ins/names',
      tags,
      request: { params, ...jsonBody(WalkInNames) },
      responses: { 200: jsonResponse(WalkInNamesResult, 'each name matched on the roll or added without a phone, and marked present'), ...errorResponses },
    }),
    async (c) => c.json(await addWalkInNames(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').names), 200),
  );

  r.openapi(
    createRoute({
      method: 'put',
      path: '/events/{id}/record',
      tags,
      request: { params, ...jsonBody(EventRecord) },
      responses: { 200: jsonResponse(EventDetail, 'the record: held, minutes, photos'), ...errorResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await recordEvent(db, actor, id, c.req.valid('json'));
      return c.json(await eventDetail(db, actor, id), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/events/{id}/rollup',
      tags,
      request: { params, query: z.object({ unitId: z.coerce.number().int().positive().optional() }) },
      responses: { 200: jsonResponse(EventRollup, 'held and attendance per child unit, and the linked events not held'), ...errorResponses },
    }),
    async (c) => c.json(await eventRollup(db, actorOf(c), c.req.valid('param').id, c.req.valid('query').unitId), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/events',
      tags,
      request: { params },
      responses: { 200: jsonResponse(PersonAttendance, 'the events the person attended, newest first'), ...errorResponses },
    }),
    async (c) => c.json(await personAttendance(db, actorOf(c), c.req.valid('param').id), 200),
  );

  return r;
}

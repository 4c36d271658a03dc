import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { UnitId } from '../../../../contracts/org.ts';
import {
  Captured,
  CapturePerson,
  DuplicatesPage,
  ErasedPerson,
  ErasePerson,
  MergePerson,
  NotDuplicates,
  NotDuplicatesRecorded,
  PatchPerson,
  PeoplePage,
  PeopleQuery,
  PersonDetail,
  PersonExport,
  PersonIdParam,
  RevealedPhone,
} from '../../../../contracts/people.ts';
import { createRouter } from '../../../platform/http/app.ts';
import { actorOf } from '../../../platform/http/context.ts';
import { expensive } from '../../../platform/http/expensive.ts';
import { errorResponses, jsonBody, jsonResponse } from '../../../platform/http/openapi.ts';
import type { PeopleDeps } from '../deps.ts';
import { capturePerson } from './capture.service.ts';
import { erasePerson, exportPerson } from './data-request.service.ts';
import { listDuplicates, markNotDuplicates, mergePerson } from './duplicates.service.ts';
import { getPerson, listUnitPeople, patchPerson, revealPhone } from './person.service.ts';

const tags = ['people'];
const unitParams = z.object({ id: UnitId });
const params = z.object({ id: PersonIdParam });

/** The registry: lists and door-to-door capture under a unit, a person's page, reveal, data requests, duplicates. */
export function registryRoutes(deps: PeopleDeps) {
  const r = createRouter();

  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/people',
      tags,
      request: { params: unitParams, query: PeopleQuery },
      responses: { 200: jsonResponse(PeoplePage, 'people whose home unit is in the subtree, newest first, phones masked'), ...errorResponses },
    }),
    async (c) => c.json(await listUnitPeople(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/units/{id}/people',
      tags,
      request: { params: unitParams, ...jsonBody(CapturePerson) },
      responses: {
        201: jsonResponse(Captured, 'a new person'),
        200: jsonResponse(Captured, 'already known: a retried sync (same clientId) or the same name and phone at this unit'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const captured = await capturePerson(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip'));
      return captured.created ? c.json(captured, 201) : c.json(captured, 200);
    },
  );

  r.use('/units/:id/duplicates', expensive('duplicates', deps.expensive));
  r.openapi(
    createRoute({
      method: 'get',
      path: '/units/{id}/duplicates',
      tags,
      request: { params: unitParams },
      responses: { 200: jsonResponse(DuplicatesPage, 'pairs in the subtree that may be one person, best first'), ...errorResponses },
    }),
    async (c) => c.json(await listDuplicates(deps, actorOf(c), c.req.valid('param').id), 200),
  );

  // Before /people/{id}/…, though only POST shares the prefix.
  r.openapi(
    createRoute({
      method: 'post',
      path: '/people/not-duplicates',
      tags,
      request: jsonBody(NotDuplicates),
      responses: { 200: jsonResponse(NotDuplicatesRecorded, 'the pair is no longer suggested'), ...errorResponses },
    }),
    async (c) => {
      const { a, b } = c.req.valid('json');
      return c.json(await markNotDuplicates(deps, actorOf(c), a, b, c.get('ip')), 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}',
      tags,
      request: { params },
      responses: { 200: jsonResponse(PersonDetail, 'the person'), ...errorResponses },
    }),
    async (c) => {
      const person = await getPerson(deps, actorOf(c), c.req.valid('param').id);
      // Notes and consent history stay off the phone's caches, so an erasure leaves no copy behind on a device.
      c.header('cache-control', 'no-store');
      return c.json(person, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'patch',
      path: '/people/{id}',
      tags,
      request: { params, ...jsonBody(PatchPerson) },
      responses: { 200: jsonResponse(PersonDetail, 'changed'), ...errorResponses },
    }),
    async (c) => c.json(await patchPerson(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json'), c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/reveal',
      tags,
      request: { params },
      responses: { 200: jsonResponse(RevealedPhone, 'the whole number and its wa.me link (audited)'), ...errorResponses },
    }),
    async (c) => c.json(await revealPhone(deps, actorOf(c), c.req.valid('param').id, c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/export',
      tags,
      request: { params },
      responses: { 200: jsonResponse(PersonExport, 'everything held about the person (audited)'), ...errorResponses },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const data = await exportPerson(deps, actorOf(c), id, c.get('ip'));
      c.header('content-disposition', `attachment; filename="person-${id}.json"`);
      c.header('cache-control', 'no-store');
      return c.json(data, 200);
    },
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/erase',
      tags,
      request: { params, ...jsonBody(ErasePerson) },
      responses: { 200: jsonResponse(ErasedPerson, 'erased; the tombstone keeps counts right'), ...errorResponses },
    }),
    async (c) => c.json(await erasePerson(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').reason, c.get('ip')), 200),
  );

  r.openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/merge',
      tags,
      request: { params, ...jsonBody(MergePerson) },
      responses: { 200: jsonResponse(PersonDetail, 'merged; the answer is the record that remains'), ...errorResponses },
    }),
    async (c) => c.json(await mergePerson(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').intoId, c.get('ip')), 200),
  );

  return r;
}

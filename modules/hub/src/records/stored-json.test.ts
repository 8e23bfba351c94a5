import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../core/index.js';
import { contentJson } from './content-hash.js';
import { storedResource, storedResourceJson } from './stored-json.js';

/** A resource as FHIR JSON is usually written (resourceType, id, then the rest), or in any other order. */
const resources = fc
  .tuple(
    fc.constantFrom('Observation', 'Patient', 'Condition', 'Ob"serv\\ation'),
    fc.option(fc.string(), { nil: undefined }),
    fc.option(fc.jsonValue(), { nil: undefined }),
    fc.dictionary(
      fc.string().filter((k) => k !== 'resourceType' && k !== 'id' && k !== 'meta'),
      fc.jsonValue(),
    ),
    fc.constantFrom('fhir-order', 'meta-first', 'id-last', 'type-last'),
  )
  .map(([resourceType, id, meta, rest, order]): Json => {
    const head: Json = { resourceType };
    const withId = id === undefined ? {} : { id };
    const withMeta = meta === undefined ? {} : { meta };
    switch (order) {
      case 'fhir-order':
        return { ...head, ...withId, ...withMeta, ...rest };
      case 'meta-first':
        return { ...withMeta, ...head, ...withId, ...rest };
      case 'id-last':
        return { ...head, ...rest, ...withMeta, ...withId };
      case 'type-last':
        return { ...withId, ...rest, ...head };
    }
  });

describe('stored resource JSON', () => {
  it('is exactly the JSON of the stored resource (server id, no meta), whatever the key order', () => {
    fc.assert(
      fc.property(resources, fc.string(), (resource, id) => {
        const { id: _id, meta: _meta, ...content } = resource;
        expect(storedResourceJson(resource, contentJson(content), id)).toBe(
          JSON.stringify(storedResource(resource, id)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('puts the server id in place of the client id and leaves meta out', () => {
    const resource = {
      resourceType: 'Observation',
      id: 'client-1',
      meta: { versionId: '7' },
      status: 'final',
    };
    const { id: _id, meta: _meta, ...content } = resource;
    expect(JSON.parse(storedResourceJson(resource, contentJson(content), 'obs-9'))).toEqual({
      resourceType: 'Observation',
      id: 'obs-9',
      status: 'final',
    });
  });
});

/** The administrative areas of the demo city and their GeoJSON, for maps, filters and area scopes. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, isWithinArea } from '@shuzhi/core';
import { areaFeatureCollection, areaLevels, childrenOf, findArea, listAreas, type Area } from '@shuzhi/geo';

const areaSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(areaLevels),
  parentCode: z.string().nullable(),
});

export async function areasRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/areas',
    {
      schema: {
        tags: ['areas'],
        summary: 'Administrative areas: by level, or the children of a parent (GB/T 2260 codes)',
        querystring: z.object({
          level: z.enum(areaLevels).optional(),
          parent: z
            .string()
            .regex(/^\d{2,15}$/)
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(areaSchema) }) },
      },
      config: { access: { permission: 'areas:read', resource: 'area' } },
    },
    async (request) => {
      const { level, parent } = request.query;
      let items: Area[];
      if (parent) {
        if (!findArea(parent)) throw new AppError('not_found', `area ${parent} not found`);
        items = childrenOf(parent);
      } else items = listAreas(level ?? 'district');
      if (level) items = items.filter((a) => a.level === level);
      const scope = request.ctx.principal.areaCode;
      return { items: items.filter((a) => isWithinArea(a.code, scope) || isWithinArea(scope, a.code)) };
    },
  );
  app.get(
    '/api/v1/areas/geojson',
    {
      schema: {
        tags: ['areas'],
        summary: 'GeoJSON FeatureCollection of the areas at a level (optionally within one area)',
        querystring: z.object({
          level: z.enum(areaLevels).default('district'),
          within: z
            .string()
            .regex(/^\d{2,15}$/)
            .optional(),
        }),
      },
      config: { access: { permission: 'areas:read', resource: 'area' } },
    },
    async (request, reply) => {
      const { level, within } = request.query;
      if (within && !findArea(within)) throw new AppError('not_found', `area ${within} not found`);
      return reply.type('application/geo+json').send(areaFeatureCollection(level, within));
    },
  );
}

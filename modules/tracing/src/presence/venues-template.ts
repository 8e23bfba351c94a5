/**
 * The venue list (`shuzhi import venues`): `venue_id,name,type,area,zones,lat,lon,capacity`, the reference
 * data whose `type` selects the per-venue-type contact rules (a mall or station may require zones) and
 * whose position puts venues on the map. A hub CSV template, so parsing, line-numbered errors and the
 * downloadable example work as for every other kind.
 */
import type { CsvTemplate } from '@shuzhi/hub';

type ColumnSpec = CsvTemplate['columns'][number];
type TemplateRecord = Extract<ReturnType<CsvTemplate['toRecords']>, readonly unknown[]>[number];

/** A venue is a FHIR Location (what the hub's location record holds) with the fields tracing needs. */
export type VenueRecord = Extract<TemplateRecord, { kind: 'location' }> & {
  sourceRecordId: string;
  venueType: string;
  zones: string[];
  capacity?: number;
};

const column = (
  name: string,
  required: boolean,
  type: ColumnSpec['type'],
  [zh, en, example]: readonly [string, string, string],
): ColumnSpec => ({ name, required, type, description: { 'zh-CN': zh, en }, example });

/** Venue types are lower-case words (`mall`, `station`, `chess_room`), matched by the contact rules. */
export const venueTypePattern = /^[a-z][a-z0-9_-]{0,31}$/;
/** Zones are listed separated by `|` (as the simulator writes them: `1F|2F|B1`). */
export const ZONE_SEPARATOR = '|';

export const venuesTemplate: CsvTemplate<VenueRecord> = {
  id: 'venues',
  title: { 'zh-CN': '场所名录', en: 'Venues' },
  description: {
    'zh-CN':
      '每行一个场所：编号、名称、类型（如 mall、station、restaurant，决定该类场所的密接判定规则）、所在街道或社区代码、区域（以 | 分隔，如 1F|2F）、纬度、经度和容量。重复导入会更新已有场所。',
    en: 'One venue per row: id, name, type (e.g. mall, station, restaurant — it selects the contact rules for that kind of venue), street or community code, zones (separated by |, e.g. 1F|2F), latitude, longitude and capacity. Importing a venue again updates it.',
  },
  columns: [
    column('venue_id', true, { kind: 'text', maxLength: 64 }, ['场所编号', 'Venue id', 'V-0042']),
    column('name', false, { kind: 'text', maxLength: 200 }, ['场所名称', 'Name', '神农城购物中心']),
    column(
      'type',
      true,
      { kind: 'text', pattern: venueTypePattern, patternHint: 'a lower-case word such as mall or station' },
      ['场所类型（小写英文，如 mall）', 'Venue type (a lower-case word, e.g. mall)', 'mall'],
    ),
    column('area', false, { kind: 'area-code' }, [
      '所在区域代码（GB/T 2260）',
      'Area code (GB/T 2260)',
      '430202001000',
    ]),
    column('zones', false, { kind: 'text', maxLength: 2000 }, [
      '场所内区域，以 | 分隔（可留空）',
      'Zones inside the venue, separated by | (may be empty)',
      '1F|2F|B1',
    ]),
    column('lat', false, { kind: 'decimal', min: -90, max: 90 }, [
      '纬度（WGS 84）',
      'Latitude (WGS 84)',
      '27.8274',
    ]),
    column('lon', false, { kind: 'decimal', min: -180, max: 180 }, [
      '经度（WGS 84）',
      'Longitude (WGS 84)',
      '113.1341',
    ]),
    column('capacity', false, { kind: 'integer', min: 0 }, ['容量（人）', 'Capacity (people)', '3000']),
  ],
  optionalTrailingColumns: 0,
  moreExamples: [['V-0043', '刘记奶茶店', 'restaurant', '430202006000', '', '27.9466', '113.2340', '60']],
  toRecords(row) {
    const lat = row.number('lat');
    const lon = row.number('lon');
    if ((lat === undefined) !== (lon === undefined))
      return { errors: [{ column: lat === undefined ? 'lat' : 'lon', reason: 'lat and lon go together' }] };
    const zones = (row.text('zones') ?? '')
      .split(ZONE_SEPARATOR)
      .map((z) => z.trim())
      .filter((z) => z !== '');
    if (new Set(zones).size !== zones.length)
      return { errors: [{ column: 'zones', reason: 'a zone is listed twice' }] };
    const venueId = row.requiredText('venue_id');
    const record: VenueRecord = {
      kind: 'location',
      sourceRecordId: venueId,
      name: row.text('name') ?? venueId,
      venueType: row.requiredText('type'),
      zones,
    };
    const area = row.text('area');
    if (area !== undefined) record.areaCode = area;
    if (lat !== undefined && lon !== undefined) {
      record.latitude = lat;
      record.longitude = lon;
    }
    const capacity = row.number('capacity');
    if (capacity !== undefined) record.capacity = capacity;
    return [record];
  },
};

/**
 * The value layer: the domain uses UTC ISO strings, booleans and plain objects; PostgreSQL stores them
 * natively (timestamptz, boolean, jsonb) but SQLite can only bind numbers, strings, bigints, buffers and
 * null (WiseLibs/better-sqlite3#741). On SQLite, parameters are converted on the way in by a Kysely
 * plugin, and rows are decoded on the way out by `decodeRow` with the column kinds a repository names.
 */
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { OperationNodeTransformer, type ValueNode, type PrimitiveValueListNode } from 'kysely';

export function encodeSqliteValue(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (
    value !== null &&
    typeof value === 'object' &&
    !Buffer.isBuffer(value) &&
    !(value instanceof Uint8Array)
  ) {
    return JSON.stringify(value);
  }
  return value;
}

class SqliteValueTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return super.transformValue({ ...node, value: encodeSqliteValue(node.value) });
  }
  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return super.transformPrimitiveValueList({ ...node, values: node.values.map(encodeSqliteValue) });
  }
}

/** Converts booleans, Dates and objects in query parameters into values SQLite can bind. */
export class SqliteValuesPlugin implements KyselyPlugin {
  private readonly transformer = new SqliteValueTransformer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** How a repository's columns come back from the database, so both dialects read the same. */
export interface ColumnKinds<Row> {
  bool?: readonly (keyof Row)[];
  json?: readonly (keyof Row)[];
}

/** Decodes a row read from either dialect: 0/1 → boolean and JSON text → value (no-ops on PostgreSQL). */
export function decodeRow<Row extends object>(row: Row, kinds: ColumnKinds<Row>): Row {
  const out = { ...row } as Record<keyof Row, unknown>;
  for (const key of kinds.bool ?? []) {
    const v = out[key];
    if (typeof v === 'number' || typeof v === 'bigint') out[key] = Number(v) !== 0;
  }
  for (const key of kinds.json ?? []) {
    const v = out[key];
    if (typeof v === 'string') out[key] = JSON.parse(v) as unknown;
  }
  return out as Row;
}

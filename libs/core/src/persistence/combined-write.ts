import {
  isRaw,
  raw,
  type EntityManager,
  type EntityMetadata,
  type EntityName,
  type EntityProperty,
  type RawQueryFragment,
} from '@mikro-orm/postgresql';

interface InsertShape {
  table: string;
  columns: Map<string, { column: string; prop: EntityProperty }>;
}

// Built once per entity: a query builder per insert costs more than the database's work on it.
const shapes = new WeakMap<EntityMetadata, InsertShape>();

/**
 * Writes sent as ONE SQL statement of data-modifying common table expressions: one round trip,
 * atomic on its own, or part of the caller's transaction when there is one. On a busy desk the
 * round trips, not the rows, are what a change costs (each wakes the database and the server).
 *
 * One write may be named `first` (`insertFirst`); the others may read what it returns in the same
 * statement, e.g. the ticket number PostgreSQL assigns, through `withFirst()`. Foreign keys are checked at the
 * end of the statement, so the parts may reference each other's rows in any order.
 */
export class CombinedWrite {
  private readonly parts: string[] = [];
  private first: string | null = null;

  constructor(private readonly em: EntityManager) {}

  /**
   * An insert of an entity's rows (in this order), columns and value conversions as the entity maps
   * them; every row has the keys of the first. Values may be raw fragments (`withFirst`).
   */
  insert<T extends object>(entity: EntityName<T>, data: Record<string, unknown> | Record<string, unknown>[]): this {
    const sql = this.insertSql(entity, Array.isArray(data) ? data : [data], []);
    if (sql) this.parts.push(sql);
    return this;
  }

  /** The write named `first`, whatever was added before it; `returning` is what the others may read. */
  insertFirst<T extends object>(entity: EntityName<T>, data: Record<string, unknown>, returning: string[]): this {
    this.first = this.insertSql(entity, [data], returning);
    return this;
  }

  private insertSql<T extends object>(
    entity: EntityName<T>,
    rows: Record<string, unknown>[],
    returning: string[],
  ): string | null {
    const [first] = rows;
    if (!first) return null;
    const platform = this.em.getPlatform();
    const shape = this.shapeOf(entity);
    const used = Object.keys(first).map((key) => {
      const mapped = shape.columns.get(key);
      if (!mapped) throw new Error(`${shape.table} has no column for "${key}"`);
      return mapped;
    });
    const literal = (prop: EntityProperty, value: unknown): string => {
      if (value == null) return 'null';
      return String(
        platform.quoteValue(
          isRaw(value) || !prop.customType
            ? value
            : prop.customType.convertToDatabaseValue(value, platform, { mode: 'query' }),
        ),
      );
    };
    const values = rows.map((row) => `(${used.map(({ prop }) => literal(prop, row[prop.name])).join(', ')})`);
    const quote = (name: string) => platform.quoteIdentifier(name);
    return (
      `insert into ${quote(shape.table)} (${used.map(({ column }) => quote(column)).join(', ')}) values ${values.join(', ')}` +
      (returning.length
        ? ` returning ${returning.map((name) => quote(shape.columns.get(name)?.column ?? name)).join(', ')}`
        : '')
    );
  }

  /** A statement of the caller's own, with `?` placeholders (an upsert, an insert … select). */
  statement(sql: string, params: readonly unknown[]): this {
    this.parts.push(this.em.getPlatform().formatQuery(sql, [...params]));
    return this;
  }

  /** A JSON value with fields taken from the first write's returned row, e.g. `{ number: 'number' }`. */
  withFirst(value: object, fields: Record<string, string>): RawQueryFragment {
    const pairs = Object.entries(fields).map(([key, column]) => `'${key}', (select ${column} from first)`);
    return raw(`(?::jsonb || jsonb_build_object(${pairs.join(', ')}))`, [JSON.stringify(value)]);
  }

  private shapeOf<T extends object>(entity: EntityName<T>): InsertShape {
    const meta = this.em.getMetadata().get(entity);
    let shape = shapes.get(meta as EntityMetadata);
    if (!shape) {
      const columns = new Map(
        meta.props
          .filter((prop) => prop.fieldNames?.length === 1)
          .map((prop) => [prop.name as string, { column: prop.fieldNames[0] as string, prop: prop as EntityProperty }]),
      );
      shape = { table: meta.tableName, columns };
      shapes.set(meta as EntityMetadata, shape);
    }
    return shape;
  }

  /** Runs everything; returns the first write's returned rows (none without a first write). */
  async run<T extends object>(): Promise<T[]> {
    const named = [
      ...(this.first ? [`first as (${this.first})`] : []),
      ...this.parts.map((part, i) => `write_${i} as (${part})`),
    ];
    if (named.length === 0) return [];
    return this.em.execute<T[]>(`with ${named.join(', ')} ${this.first ? 'select * from first' : 'select'}`);
  }
}

import { type EntityManager, type EntityMetadata, type EntityName, type EntityProperty } from '@mikro-orm/postgresql';
import { executePrepared } from './prepared-statement.js';

/**
 * Stands for a column of the row named `first`, which PostgreSQL gives in the same statement (the
 * number it assigns, the ticket a claim chose). Allowed as a row's value and as a top-level member
 * of a JSON value; `fromFirst` gives it the type of the value it stands for.
 */
export class FirstColumn {
  constructor(readonly column: string) {}
}

/** A value for `column` of the row `first`, typed as the value it stands for (see FirstColumn). */
export const fromFirst = <T>(column: string): T => new FirstColumn(column) as T;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A value the statement chooses: the case named by `expression` (SQL over `first`). */
class ChosenValue {
  constructor(
    readonly expression: string,
    readonly cases: ReadonlyMap<string, unknown>,
  ) {}
}

/** SQL with `?` placeholders and their values, in order. */
interface Part {
  sql: string;
  params: unknown[];
}

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
 * statement, e.g. the ticket number PostgreSQL assigns, through `fromFirst()` or `withFirst()`. Foreign keys are checked at the
 * end of the statement, so the parts may reference each other's rows in any order.
 *
 * `following` makes a write whose `first` is chosen by SQL of the caller's (a queue claim): every
 * insert then writes its row once per row of `first`, so nothing is written when it chose none, and
 * a part may be written only when a condition on `first` holds (`onlyWhen`) or take one of several
 * values (`oneOf`): what the caller would decide after reading the row, decided in the statement.
 */
export class CombinedWrite {
  private readonly parts: Part[] = [];
  private first: Part | null = null;
  private leading: Part | null = null;
  private condition: string | null = null;

  constructor(private readonly em: EntityManager) {}

  /** A write after `ctes`, which end in one named `first` of at most one row (they may modify data, e.g. claim it). */
  static following(em: EntityManager, ctes: string, params: readonly unknown[]): CombinedWrite {
    const write = new CombinedWrite(em);
    write.leading = { sql: ctes, params: [...params] };
    return write;
  }

  /** Parts added by `build` are written only when `condition` (SQL over `first`) holds. */
  onlyWhen(condition: string, build: () => void): this {
    const outer = this.condition;
    this.condition = outer ? `(${outer}) and (${condition})` : condition;
    try {
      build();
    } finally {
      this.condition = outer;
    }
    return this;
  }

  /** A row value: the one of `cases` whose key `expression` (SQL over `first`) gives. */
  oneOf<T>(expression: string, cases: ReadonlyMap<string, T>): T {
    return new ChosenValue(expression, cases) as T;
  }

  /**
   * An insert of an entity's rows (in this order), columns and value conversions as the entity maps
   * them; every row has the keys of the first. Values may stand for `first`'s columns (`fromFirst`, `withFirst`).
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
  ): Part | null {
    const [first] = rows;
    if (!first) return null;
    const platform = this.em.getPlatform();
    const shape = this.shapeOf(entity);
    const used = Object.keys(first).map((key) => {
      const mapped = shape.columns.get(key);
      if (!mapped) throw new Error(`${shape.table} has no column for "${key}"`);
      return mapped;
    });
    const quote = (name: string) => platform.quoteIdentifier(name);
    const params: unknown[] = [];
    const param = (value: unknown, type: string) => {
      params.push(value);
      return `?::${type}`;
    };
    // JSON as its text: given an array, the driver would send a PostgreSQL array literal.
    const converted = (prop: EntityProperty, value: unknown) => {
      if (value == null) return value;
      if (/^jsonb?$/.test(prop.columnTypes[0]!)) return JSON.stringify(value);
      return prop.customType ? prop.customType.convertToDatabaseValue(value, platform, { mode: 'query' }) : value;
    };
    // Every value a parameter, cast to its column's type: the text depends only on the write's shape.
    const value = (prop: EntityProperty, v: unknown): string => {
      const type = prop.columnTypes[0]!;
      if (v instanceof FirstColumn) return `(select ${quote(v.column)} from first)`;
      if (v instanceof ChosenValue) {
        // One JSON parameter holds every case: a take's ten history lines were sixty parameters.
        const json = /^jsonb?$/.test(type);
        const cases = Object.fromEntries(
          [...v.cases].map(([key, chosen]) => {
            if (chosen instanceof FirstColumn || chosen instanceof ChosenValue)
              throw new Error(`A case of ${prop.name} cannot itself read first or choose`);
            return [key, json || chosen == null ? chosen : converted(prop, chosen)];
          }),
        );
        const picked = `${param(JSON.stringify(cases), 'jsonb')} ${json ? '->' : '->>'} (${v.expression})`;
        return json ? `(${picked})` : `(${picked})::${type}`;
      }
      if (!isPlainObject(v) || !Object.values(v).some((member) => member instanceof FirstColumn))
        return param(converted(prop, v), type);
      const members = Object.entries(v).filter(([, member]) => member instanceof FirstColumn);
      const rest = Object.fromEntries(Object.entries(v).filter(([, member]) => !(member instanceof FirstColumn)));
      // Placeholders are numbered in the order they appear, so the values are added in that order.
      const base = param(converted(prop, rest), 'jsonb');
      const pairs = members.map(([key, member]) => `${param(key, 'text')}, ${value(prop, member)}`);
      return `(${base} || jsonb_build_object(${pairs.join(', ')}))`;
    };
    const values = rows.map((row) => used.map(({ prop }) => value(prop, row[prop.name])).join(', '));
    const into = `insert into ${quote(shape.table)} (${used.map(({ column }) => quote(column)).join(', ')})`;
    // Following a claim: once per row of `first`.
    const sql = this.leading
      ? `${into} ${values.map((row) => `select ${row} from first${this.condition ? ` where ${this.condition}` : ''}`).join(' union all ')}`
      : `${into} values ${values.map((row) => `(${row})`).join(', ')}`;
    return {
      sql:
        sql +
        (returning.length
          ? ` returning ${returning.map((name) => quote(shape.columns.get(name)?.column ?? name)).join(', ')}`
          : ''),
      params,
    };
  }

  /** A statement of the caller's own, with `?` placeholders (an upsert, an insert … select). */
  statement(sql: string, params: readonly unknown[]): this {
    this.parts.push({ sql, params: [...params] });
    return this;
  }

  /** A JSON value with fields taken from the first write's returned row, e.g. `{ number: 'number' }`. */
  withFirst<T extends object>(value: T, fields: Record<string, string>): T {
    return {
      ...value,
      ...Object.fromEntries(Object.entries(fields).map(([key, column]) => [key, new FirstColumn(column)])),
    };
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
      ...(this.leading ? [this.leading] : []),
      ...(this.first ? [{ ...this.first, sql: `first as (${this.first.sql})` }] : []),
      ...this.parts.map((part, i) => ({ ...part, sql: `write_${i} as (${part.sql})` })),
    ];
    if (named.length === 0) return [];
    const returns = this.first || this.leading;
    return executePrepared<T>(
      this.em,
      `with ${named.map((part) => part.sql).join(', ')} ${returns ? 'select * from first' : 'select'}`,
      named.flatMap((part) => part.params),
    );
  }
}

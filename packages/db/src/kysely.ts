import type { InferKyselyDB } from "@mikro-orm/postgresql";
import { type Compilable, CompiledQuery, type Kysely, type SelectQueryBuilder } from "kysely";
import type { entities } from "./entities";
import type { EntityManager } from "./orm";

/** The tables and columns as the entities define them: no row type is written by hand. */
export type Database = InferKyselyDB<(typeof entities)[number]>;

/**
 * Typed SQL through MikroORM's Kysely, on the ORM's own pool (and its transaction, when there is one).
 * The plain instance, without MikroORM's naming and value plugin: that plugin walks every column of
 * every row, which the hot reads (service.list, the session lookup) cannot afford.
 */
export function db(em: EntityManager): Kysely<Database> {
  return em.getKysely<Database>();
}

type AsText<Value> = Value extends null ? null : string;

/**
 * A row as pg hands it to the plain instance: MikroORM keeps date and time types as text (its type
 * parsers) and pg returns int8 as text, while the entities type them as Date and number. Kysely's
 * selection, with the columns named in `Int8` (and every Date) retyped so.
 */
export type AsReturned<Row, Int8 extends keyof Row = never> = {
  [K in keyof Row]: K extends Int8 ? AsText<Row[K]> : Row[K] extends Date | null ? AsText<Row[K]> : Row[K];
};

/** `.$call(asReturned("an_int8_column"))`: the query's rows typed as AsReturned says. */
export function asReturned<Int8 extends string = never>(..._int8: Int8[]) {
  return <DB, TB extends keyof DB, Row>(query: SelectQueryBuilder<DB, TB, Row>) => query.$castTo<AsReturned<Row, Int8 & keyof Row>>();
}

/** Puts the per-call value `name` into a statement compiled once. */
export type SlotOf<Values> = <K extends keyof Values & string>(name: K) => Values[K];

/** Stands for a per-call value in a statement compiled once (see `compiledOnce`). */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A statement built and compiled by Kysely once, then run with each call's values: building and
 * compiling service.list's statement took about 0.16 ms of the api's CPU per request, a tenth of its
 * budget. `build` receives `slot(name)` to put where a value goes; the compiled SQL keeps a bound
 * parameter there, filled from `values[name]` at each call. Whatever changes the statement's shape
 * (an optional filter) must be decided outside: one compiledOnce per shape.
 */
export function compiledOnce<Values extends Record<string, unknown>, Row>(
  build: (kysely: Kysely<Database>, slot: SlotOf<Values>) => Compilable<Row>,
): (em: EntityManager, values: Values) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined;
  return async (em, values) => {
    compiled ??= build(db(em), (name) => new Slot(name) as never).compile();
    const parameters = compiled.parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.name] : parameter));
    const { rows } = await db(em).executeQuery(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<Row>);
    return rows;
  };
}

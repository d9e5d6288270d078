import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './database.js';

/** Stands for a named parameter while a query is built and compiled once. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** Gives the builder a stand-in for parameter `name` (typed as the value it stands for). */
export type Param<P> = <K extends keyof P & string>(name: K) => P[K];

/**
 * A query that runs on every turn, built with Kysely ONCE per dialect (and shape) and then reused
 * with new parameter values: building and compiling a query costs 10–30 µs of CPU, more than
 * SQLite needs to run most of them (ADR 8).
 *
 * `build` must give the same SQL whatever the values are: it may only place `param(name)` where a
 * value goes (no branching on values, no `in` lists — their length changes the SQL). Every value
 * is a bound parameter exactly as in the plain Kysely query, so nothing is ever spliced into the
 * SQL text; a parameter without a value throws.
 */
export function preparedQuery<P extends object, R>(build: (db: Kysely<Database>, param: Param<P>) => Compilable<R>) {
  // By the dialect's adapter class: the SQL text depends on nothing else.
  const compiled = new Map<unknown, { readonly sql: string; readonly parameters: readonly unknown[] }>();
  return async (db: Kysely<Database>, params: P): Promise<QueryResult<R>> => {
    const dialect = db.getExecutor().adapter.constructor;
    let entry = compiled.get(dialect);
    if (entry === undefined) {
      const query = build(db, ((name: string) => new Placeholder(name)) as Param<P>).compile();
      entry = { sql: query.sql, parameters: query.parameters };
      compiled.set(dialect, entry);
    }
    const values = params as Record<string, unknown>;
    const parameters = entry.parameters.map((value) => {
      if (!(value instanceof Placeholder)) return value;
      if (!(value.name in values)) throw new Error(`preparedQuery: no value for parameter "${value.name}".`);
      return values[value.name];
    });
    return db.executeQuery<R>(CompiledQuery.raw(entry.sql, parameters));
  };
}

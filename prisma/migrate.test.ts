/**
 * Goal: the migrated database matches schema.prisma exactly (tables, columns, types, nullability,
 * enums, primary keys, unique indexes, foreign keys), and the migrate command is re-runnable.
 * Prisma's own drift check needs a schema-engine binary we cannot download, so this compares the
 * schema's DMMF (from Prisma's WebAssembly schema parser) with PostgreSQL's catalogue.
 */
import { readFileSync } from 'node:fs';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate, readMigrations } from './migrate';

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isRequired: boolean;
  isList: boolean;
  isUnique: boolean;
  isId: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[] };
}

const schema = readFileSync(new URL('./schema.prisma', import.meta.url), 'utf8');
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))) as Dmmf;

/** PostgreSQL's `format_type` spelling of a field: a list is an array of its scalar. */
function expectedSqlType(field: DmmfField): string {
  return field.isList ? `${scalarSqlType(field)}[]` : scalarSqlType(field);
}

/** PostgreSQL's `format_type` spelling of each Prisma scalar, before native-type overrides. */
function scalarSqlType(field: DmmfField): string {
  if (field.kind === 'enum') return `"${field.type}"`;
  const native = field.nativeType?.[0];
  if (native === 'Uuid') return 'uuid';
  if (native === 'Char') return `character(${field.nativeType?.[1][0]})`;
  if (native === 'VarChar') return `character varying(${field.nativeType?.[1][0]})`;
  if (native === 'Timestamptz') return `timestamp(${field.nativeType?.[1][0]}) with time zone`;
  const byScalar: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    DateTime: 'timestamp(3) without time zone',
    Json: 'jsonb',
  };
  const type = byScalar[field.type];
  if (!type) throw new Error(`no SQL type known for ${field.type}`);
  return type;
}

const columnName = (model: DmmfModel, fieldName: string): string => {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  return field?.dbName ?? fieldName;
};

describe('migrations match schema.prisma', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
  });
  afterAll(() => client.end());

  it('re-running migrate applies nothing and every migration is recorded like Prisma does', async () => {
    expect(await migrate(inject('databaseUrl'))).toEqual([]);
    const recorded = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name');
    const files = await readMigrations();
    expect(recorded.rows.map((row) => [row.migration_name, row.checksum])).toEqual(
      files.map((file) => [file.name, file.checksum]),
    );
    expect(recorded.rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('has exactly the tables and columns of the schema, with the same types and nullability', async () => {
    const columns = await client.query<{
      table_name: string;
      column_name: string;
      type: string;
      not_null: boolean;
    }>(`
      SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`);
    const actual = columns.rows
      .map((row) => `${row.table_name}.${row.column_name} ${row.type}${row.not_null ? ' NOT NULL' : ''}`)
      .sort();
    const expected = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields
          .filter((field) => field.kind !== 'object')
          .map(
            (field) =>
              `${model.dbName ?? model.name}.${field.dbName ?? field.name} ${expectedSqlType(field)}${field.isRequired ? ' NOT NULL' : ''}`,
          ),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it('has the same enums with the same values in order', async () => {
    const enums = await client.query<{ name: string; values: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`);
    const actual = Object.fromEntries(enums.rows.map((row) => [row.name, row.values]));
    const expected = Object.fromEntries(
      dmmf.datamodel.enums.map((item) => [item.name, item.values.map((value) => value.name)]),
    );
    expect(actual).toEqual(expected);
  });

  it('has the primary keys, unique indexes and foreign keys the schema declares', async () => {
    const constraints = await client.query<{ table_name: string; kind: string; columns: string[] }>(`
      SELECT c.relname AS table_name,
             CASE WHEN i.indisprimary THEN 'primary' ELSE 'unique' END AS kind,
             array_agg(a.attname::text ORDER BY k.ordinality) AS columns
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND i.indisunique AND i.indpred IS NULL AND c.relname <> '_prisma_migrations'
       GROUP BY c.relname, i.indexrelid, i.indisprimary`);
    const actual = constraints.rows
      .map((row) => `${row.table_name} ${row.kind} (${row.columns.join(', ')})`)
      .sort();
    const expected = dmmf.datamodel.models
      .flatMap((model) => {
        const table = model.dbName ?? model.name;
        const primary =
          model.primaryKey?.fields ?? model.fields.filter((field) => field.isId).map((field) => field.name);
        return [
          `${table} primary (${primary.map((name) => columnName(model, name)).join(', ')})`,
          ...model.fields
            .filter((field) => field.isUnique)
            .map((field) => `${table} unique (${field.dbName ?? field.name})`),
          ...model.uniqueFields.map(
            (fields) => `${table} unique (${fields.map((name) => columnName(model, name)).join(', ')})`,
          ),
        ];
      })
      .sort();
    expect(actual).toEqual(expected);

    const foreignKeys = await client.query<{ definition: string }>(`
      SELECT conrelid::regclass::text || ' (' || (SELECT string_agg(attname, ', ') FROM pg_attribute WHERE attrelid = conrelid AND attnum = ANY(conkey))
             || ') -> ' || confrelid::regclass::text AS definition
        FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`);
    const expectedForeignKeys = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields
          .filter((field) => field.kind === 'object' && field.relationFromFields?.length)
          .map((field) => {
            const target = dmmf.datamodel.models.find((candidate) => candidate.name === field.type);
            const from = field.relationFromFields!.map((name) => columnName(model, name)).join(', ');
            return `${model.dbName ?? model.name} (${from}) -> ${target?.dbName ?? field.type}`;
          }),
      )
      .sort();
    expect(foreignKeys.rows.map((row) => row.definition).sort()).toEqual(expectedForeignKeys);
  });
});

/**
 * The Prisma client factory: Prisma 7's Rust-free client over node-postgres (`@prisma/adapter-pg`).
 * One client per process; callers own its lifetime and `$disconnect()` it on shutdown.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

/** Prisma's namespace: `Prisma.sql` composes raw queries from fragments. */
export { Prisma } from './generated/client';

export type Database = PrismaClient;

export function createDatabase(databaseUrl: string, options: { poolSize?: number } = {}): Database {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  return new PrismaClient({ adapter });
}

export * from './generated/enums';

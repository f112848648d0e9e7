/** Any `query(sql, params)`: a TypeORM DataSource or EntityManager, or a pg client wrapped to match. */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<unknown>;

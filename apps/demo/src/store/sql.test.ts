import { expect, test } from 'vitest';
import { Sql, sql } from './sql.ts';

test('interpolations become parameters, nested fragments are inlined, and PostgreSQL gets $n', () => {
  const condition = Sql.join([sql`provider = ${'telecmi'}`, sql`started_at >= ${10}`], ' AND ');
  const query = sql`SELECT id FROM calls WHERE ${condition} LIMIT ${5}`;
  expect(query.text).toBe('SELECT id FROM calls WHERE provider = ? AND started_at >= ? LIMIT ?');
  expect(query.parameters).toEqual(['telecmi', 10, 5]);
  expect(query.numbered()).toBe(
    'SELECT id FROM calls WHERE provider = $1 AND started_at >= $2 LIMIT $3',
  );
  // A value is never text: a quote in it cannot end a literal.
  expect(sql`name = ${"x' OR 1=1 --"}`.text).toBe('name = ?');
  expect(() => new Sql('a = ? AND b = ?', [1])).toThrow(/2 placeholders got 1/);
});

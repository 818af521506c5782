import { describe, expect, it } from 'vitest';
import { referencedTables } from '@featurelab/core/sql';

describe('referencedTables', () => {
  it('lists FROM and JOIN tables once, in order, without CTE names', () => {
    const sql = `
      WITH recent AS (SELECT * FROM demo.impressions WHERE event_time > now() - INTERVAL 7 DAYS)
      SELECT r.user_id, count(*) AS n
      FROM recent r
      JOIN demo.users u ON u.user_id = r.user_id
      LEFT JOIN (SELECT item_id FROM demo.items) i ON i.item_id = r.item_id
      WHERE r.user_id IN (SELECT user_id FROM DEMO.USERS)
        AND EXISTS (SELECT 1 FROM spark_catalog.demo.orders o WHERE o.user_id = r.user_id)
      GROUP BY r.user_id`;
    expect(referencedTables(sql)).toEqual([
      'demo.impressions',
      'demo.users',
      'demo.items',
      'spark_catalog.demo.orders'
    ]);
  });

  it('keeps a table named like a CTE outside that CTE scope', () => {
    expect(
      referencedTables(
        'SELECT * FROM x UNION ALL SELECT * FROM (WITH x AS (SELECT 1) SELECT * FROM x)'
      )
    ).toEqual(['x']);
  });

  it('returns what it can of a broken query and never throws', () => {
    expect(referencedTables('SELECT FROM WHERE')).toEqual([]);
    expect(referencedTables('')).toEqual([]);
  });
});

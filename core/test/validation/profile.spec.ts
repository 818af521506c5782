import { describe, expect, it } from 'vitest';
import {
  assembleProfile,
  parseSparkTypeText,
  planProfile,
  renderProfileGroups,
  renderProfileStats,
  type StructField
} from '@featurelab/core/validation';

const field = (name: string, type: string): StructField => ({
  name,
  type: parseSparkTypeText(type),
  nullable: true
});
const schema = [
  field('n', 'double'),
  field('s', 'string'),
  field('v', 'array<float>'),
  field('m', 'map<string,int>')
];
const source = { kind: 'table', parts: ['t'] } as const;

describe('profile plan', () => {
  it('computes every column statistic in one aggregation, without exploding arrays', () => {
    const plan = planProfile(schema);
    for (const dialect of ['spark', 'duckdb'] as const) {
      const { sql, outputs } = renderProfileStats(plan, dialect, source);
      expect(outputs).toContain('c0_quantiles');
      expect(outputs).toContain('c2_empty');
      expect(sql.toLowerCase()).not.toMatch(/explode|unnest/);
    }
  });

  it('groups categorical and numeric columns in one GROUPING SETS pass and decodes it', () => {
    const plan = planProfile(schema);
    const stats = { row_count: 4, c0_non_null: 3, c0_min: 0, c0_max: 10, c1_non_null: 4 };
    const [query, ...more] = renderProfileGroups(plan, stats, 'spark', source);
    expect(more).toHaveLength(0);
    expect(query.sql).toContain('GROUPING SETS ((`g0`), (`g1`))');
    expect(query.groups.map(g => g.kind)).toEqual(['histogram', 'top']);
    // grouping_id(g0, g1): set (g0) -> 0b01, set (g1) -> 0b10.
    const profile = assembleProfile(
      plan,
      stats,
      [
        {
          groups: query.groups,
          rows: [
            { gid: 1, v: '0', n: 2 },
            { gid: 1, v: '19', n: 1 },
            { gid: 2, v: 'a', n: 3 },
            { gid: 2, v: 'b', n: 1 }
          ]
        }
      ],
      { engine: 'test', scans: 2 }
    );
    const [n, s, v, m] = profile.columns;
    expect(n.histogram?.[0]).toEqual({ low: 0, high: 0.5, count: 2 });
    expect(n.histogram?.[19]).toEqual({ low: 9.5, high: 10, count: 1 });
    expect(n.nulls).toBe(1);
    expect(s.topValues).toEqual([
      { value: 'a', count: 3 },
      { value: 'b', count: 1 }
    ]);
    expect(v.type).toBe('array<float>');
    expect(m).toMatchObject({ type: 'map<string,int>', nulls: 4 });
  });
});

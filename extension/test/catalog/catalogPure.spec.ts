import { describe, expect, it } from 'vitest';

import { mergeRanges } from '../../src/catalog/highlight.js';
import { fitView } from '../../src/catalog/lineageGraph.js';
import { layoutLineage } from '../../src/catalog/lineageLayout.js';
import { schemaRows, specSource } from '../../src/catalog/schemaRows.js';
import {
  catalogName,
  pysparkReadSnippet,
  pythonStringLiteral,
  quoteSparkIdentifier
} from '../../src/catalog/snippets.js';
import type { LineageGraph } from '../../src/catalog/types.js';
import { navigate, scrollToReveal, virtualWindow } from '../../src/catalog/virtualWindow.js';

describe('virtualWindow', () => {
  it('renders only the rows in view plus overscan, at 100,000 rows', () => {
    const win = virtualWindow(100_000, 40, 40 * 50_000, 400, 8);
    expect(win.totalHeight).toBe(4_000_000);
    expect(win.start).toBe(50_000 - 8);
    expect(win.end).toBe(50_000 + 11 + 8);
    expect(win.end - win.start).toBeLessThan(40);
    expect(win.offset).toBe(win.start * 40);
  });

  it('clamps past the end and handles empty lists', () => {
    const win = virtualWindow(10, 40, 99_999, 200, 2);
    expect(win.end).toBe(10);
    expect(win.start).toBeGreaterThanOrEqual(0);
    expect(virtualWindow(0, 40, 0, 200)).toEqual({ start: 0, end: 0, offset: 0, totalHeight: 0 });
  });

  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(5, 40, 0, 400)).toBeNull();
    expect(scrollToReveal(12, 40, 0, 400)).toBe(13 * 40 - 400);
    expect(scrollToReveal(2, 40, 200, 400)).toBe(80);
  });

  it('moves the active row with the keyboard, within bounds', () => {
    expect(navigate('ArrowDown', 0, 3, 10)).toBe(1);
    expect(navigate('ArrowDown', 2, 3, 10)).toBe(2);
    expect(navigate('ArrowUp', 0, 3, 10)).toBe(0);
    expect(navigate('PageDown', 0, 100, 10)).toBe(10);
    expect(navigate('End', 0, 100, 10)).toBe(99);
    expect(navigate('Home', 50, 100, 10)).toBe(0);
    expect(navigate('a', 0, 100, 10)).toBeNull();
    expect(navigate('ArrowDown', 0, 0, 10)).toBeNull();
  });
});

describe('snippets', () => {
  it('quotes identifiers by construction', () => {
    expect(quoteSparkIdentifier('a`b')).toBe('`a``b`');
    expect(pythonStringLiteral('x"y\\z\n')).toBe('"x\\"y\\\\z\\n"');
  });

  it('reads a feature group, or one feature of it', () => {
    expect(pysparkReadSnippet({ kind: 'FeatureGroup', name: 'user_profile' }, '')).toBe(
      'df = spark.table("`user_profile`")'
    );
    expect(pysparkReadSnippet({ kind: 'FeatureGroup', name: 'g' }, 'feat"db')).toBe(
      'df = spark.table("`feat\\"db`.`g`")'
    );
    expect(
      pysparkReadSnippet(
        { kind: 'Feature', name: 'ctr_1d', featureGroup: 'user_engagement_1d' },
        ''
      )
    ).toBe('df = spark.table("`user_engagement_1d`").select("`ctr_1d`")');
    expect(pysparkReadSnippet({ kind: 'Model', name: 'm' }, '')).toBeNull();
  });

  it('names features as catalog.get takes them', () => {
    expect(catalogName({ kind: 'Feature', name: 'f', featureGroup: 'g' })).toBe('g.f');
    expect(catalogName({ kind: 'Entity', name: 'user "x"' })).toBe('user "x"');
  });
});

describe('mergeRanges', () => {
  it('sorts, clamps and merges overlapping ranges', () => {
    expect(
      mergeRanges(
        [
          [5, 8],
          [0, 2],
          [1, 3],
          [7, 20],
          [4, 4]
        ],
        10
      )
    ).toEqual([
      [0, 3],
      [5, 10]
    ]);
  });
});

describe('schemaRows', () => {
  const group = {
    kind: 'FeatureGroup',
    name: 'g',
    eventTimeColumn: 'event_time',
    features: [
      { name: 'a', type: 'bigint', description: 'first' },
      { name: 'b', type: 'string', nullable: false }
    ],
    source: { type: 'sql', query: 'SELECT 1', tables: ['demo.users'] }
  };

  it('lists the event-time column and the features of a group', () => {
    expect(schemaRows(group).map(row => [row.name, row.type, row.nullable, row.role])).toEqual([
      ['event_time', 'timestamp', null, 'event-time'],
      ['a', 'bigint', null, 'feature'],
      ['b', 'string', false, 'feature']
    ]);
  });

  it('lists one feature of its group spec', () => {
    expect(schemaRows(group, 'b').map(row => row.name)).toEqual(['b']);
  });

  it("lists an entity's join keys", () => {
    expect(schemaRows({ joinKeys: [{ name: 'user_id', type: 'bigint' }] })).toEqual([
      { name: 'user_id', type: 'bigint', nullable: null, description: '', role: 'key' }
    ]);
  });

  it('reads the source', () => {
    expect(specSource(group)).toEqual({ type: 'sql', query: 'SELECT 1', tables: ['demo.users'] });
    expect(specSource({ source: { type: 'pyspark', file: 'x.py' } })).toEqual({
      type: 'pyspark',
      file: 'x.py',
      function: undefined,
      tables: []
    });
    expect(specSource({})).toBeNull();
  });
});

describe('layoutLineage', () => {
  const graph: LineageGraph = {
    root: 'FeatureGroup:g1',
    nodes: [
      { id: 'Model:m', kind: 'Model', name: 'm', label: 'm' },
      { id: 'SampleSet:s', kind: 'SampleSet', name: 's', label: 's' },
      { id: 'FeatureGroup:g2', kind: 'FeatureGroup', name: 'g2', label: 'g2' },
      { id: 'FeatureGroup:g1', kind: 'FeatureGroup', name: 'g1', label: 'g1' },
      { id: 'table:demo.users', kind: 'table', name: 'demo.users', label: 'demo.users' },
      { id: 'Entity:user', kind: 'Entity', name: 'user', label: 'user' }
    ],
    edges: [
      { from: 'table:demo.users', to: 'FeatureGroup:g1', kind: 'reads' },
      { from: 'Entity:user', to: 'FeatureGroup:g1', kind: 'keyedBy' },
      { from: 'FeatureGroup:g1', to: 'FeatureGroup:g2', kind: 'reads' },
      { from: 'FeatureGroup:g2', to: 'SampleSet:s', kind: 'uses' },
      { from: 'FeatureGroup:g1', to: 'SampleSet:s', kind: 'uses' },
      { from: 'SampleSet:s', to: 'Model:m', kind: 'trainedOn' },
      { from: 'SampleSet:s', to: 'missing', kind: 'uses' }
    ]
  };

  it('puts every edge left to right: tables, groups, sample sets, models', () => {
    const layout = layoutLineage(graph);
    const layer = new Map(layout.nodes.map(node => [node.node.id, node.layer]));
    expect(layer.get('table:demo.users')).toBe(0);
    expect(layer.get('FeatureGroup:g1')).toBe(1);
    // A group reading a group sits right of it; what follows moves along.
    expect(layer.get('FeatureGroup:g2')).toBe(2);
    expect(layer.get('SampleSet:s')).toBe(3);
    expect(layer.get('Model:m')).toBe(4);
    const x = new Map(layout.nodes.map(node => [node.node.id, node.x]));
    for (const { edge } of layout.edges) {
      expect(x.get(edge.to)!).toBeGreaterThan(x.get(edge.from)!);
    }
    // The edge to a node that is not in the graph is dropped.
    expect(layout.edges).toHaveLength(6);
  });

  it('keeps nodes of a layer apart and inside the drawing', () => {
    const layout = layoutLineage(graph);
    const first = layout.nodes.filter(node => node.layer === 0).map(node => node.y);
    expect(new Set(first).size).toBe(first.length);
    for (const node of layout.nodes) {
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeLessThanOrEqual(layout.height);
      expect(node.x).toBeLessThanOrEqual(layout.width);
    }
  });

  it('survives a cycle', () => {
    const layout = layoutLineage({
      root: 'FeatureGroup:a',
      nodes: [
        { id: 'FeatureGroup:a', kind: 'FeatureGroup', name: 'a', label: 'a' },
        { id: 'FeatureGroup:b', kind: 'FeatureGroup', name: 'b', label: 'b' }
      ],
      edges: [
        { from: 'FeatureGroup:a', to: 'FeatureGroup:b', kind: 'reads' },
        { from: 'FeatureGroup:b', to: 'FeatureGroup:a', kind: 'reads' }
      ]
    });
    expect(layout.nodes).toHaveLength(2);
  });
});

describe('fitView', () => {
  it('scales a wide graph down to the canvas and centres it', () => {
    const view = fitView(1000, 100, 532, 300);
    expect(view.scale).toBeCloseTo(0.5, 5);
    expect(view.x).toBeCloseTo(16, 5);
    // 100 * 0.5 = 50 high, centred in 300 - 32.
    expect(view.y).toBeCloseTo(16 + (268 - 50) / 2, 5);
  });

  it('never scales up, and never below a quarter', () => {
    expect(fitView(100, 50, 1000, 400).scale).toBe(1);
    expect(fitView(100_000, 50, 500, 400).scale).toBe(0.25);
    // A canvas not laid out yet (hidden tab) keeps the identity view.
    expect(fitView(100, 50, 0, 0)).toEqual({ x: 16, y: 16, scale: 1 });
  });
});

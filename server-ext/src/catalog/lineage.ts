import type { LineageEdge, LineageGraph, LineageNode, LineageNodeKind } from '@featurelab/core';
import type { CatalogModel } from './catalog-model.js';
import { tablesOfSql } from './table-references.js';

export const DEFAULT_LINEAGE_DEPTH = 2;
export const MAX_LINEAGE_DEPTH = 10;

/**
 * The lineage around `root` (a node id): up to `depth` steps upstream (what it is computed
 * from) and downstream (what uses it). Source tables come from `source.tables` and, for a
 * Spark SQL source, from the tables the query reads; they are parsed only for the feature
 * groups the walk reaches. Table nodes are not expanded further downstream: finding every
 * reader of a table would mean parsing every query of the registry.
 */
export function lineageAround(model: CatalogModel, root: string, depth: number): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const addNode = (id: string): void => {
    if (!nodes.has(id)) {
      nodes.set(id, nodeOf(model, id));
    }
  };
  addNode(root);
  walk(model, root, depth, 'up', addNode, edges);
  walk(model, root, depth, 'down', addNode, edges);
  return { root, nodes: [...nodes.values()], edges: [...edges.values()] };
}

function walk(
  model: CatalogModel,
  root: string,
  depth: number,
  direction: 'up' | 'down',
  addNode: (id: string) => void,
  edges: Map<string, LineageEdge>
): void {
  const seen = new Set([root]);
  let frontier = [root];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (direction === 'up') {
        addSqlEdges(model, id);
      }
      const around = direction === 'up' ? model.edgesInto(id) : model.edgesFrom(id);
      for (const edge of around) {
        const other = direction === 'up' ? edge.from : edge.to;
        edges.set(`${edge.from}\u0000${edge.to}\u0000${edge.kind}`, edge);
        addNode(other);
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
}

/**
 * Adds the tables a feature group's SQL source (or a sample set's label query) reads, once
 * per node and model.
 */
function addSqlEdges(model: CatalogModel, id: string): void {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  if ((kind !== 'FeatureGroup' && kind !== 'SampleSet') || !model.markSqlAnalyzed(id)) {
    return;
  }
  const object = model.object(kind, id.slice(colon + 1));
  let query: string | undefined;
  if (object?.spec.kind === 'FeatureGroup' && object.spec.source.type === 'sql') {
    query = object.spec.source.query;
  } else if (object?.spec.kind === 'SampleSet') {
    query = object.spec.labels?.query;
  }
  if (query === undefined) {
    return;
  }
  for (const table of tablesOfSql(query)) {
    model.addTableEdge(table, id, kind === 'FeatureGroup' ? 'reads' : 'uses');
  }
}

function nodeOf(model: CatalogModel, id: string): LineageNode {
  const colon = id.indexOf(':');
  const prefix = id.slice(0, colon);
  const name = id.slice(colon + 1);
  if (prefix === 'table') {
    const table = model.tableName(id) ?? name;
    return { id, kind: 'table', name: table, label: table };
  }
  return { id, kind: prefix as LineageNodeKind, name, label: name };
}

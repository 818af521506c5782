/**
 * A layered, left-to-right layout of a lineage graph: source tables, then feature groups,
 * sample sets and models. Pure (no DOM), so it is unit tested.
 */
import type { LineageEdge, LineageGraph, LineageNode } from './types.js';

export interface ILayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal space between layers. */
  layerGap: number;
  /** Vertical space between nodes of a layer. */
  nodeGap: number;
  /** Barycenter sweeps that reorder nodes to reduce edge crossings. */
  sweeps: number;
}

export const DEFAULT_LAYOUT: ILayoutOptions = {
  nodeWidth: 160,
  nodeHeight: 36,
  layerGap: 56,
  nodeGap: 16,
  sweeps: 4
};

export interface IPositionedNode {
  node: LineageNode;
  layer: number;
  /** Top-left corner. */
  x: number;
  y: number;
}

export interface IPositionedEdge {
  edge: LineageEdge;
  /** SVG path from the right side of `from` to the left side of `to`. */
  path: string;
}

export interface ILineageLayout {
  nodes: IPositionedNode[];
  edges: IPositionedEdge[];
  width: number;
  height: number;
}

/** The lowest layer of each kind: lineage flows in this order. */
const KIND_LAYER: Readonly<Record<LineageNode['kind'], number>> = {
  table: 0,
  Entity: 0,
  FeatureGroup: 1,
  SampleSet: 2,
  Model: 3
};

/**
 * Lay the graph out. Each node starts at its kind's layer and is pushed right of every
 * predecessor; edges into unknown nodes are dropped; a cycle (the registry refuses them)
 * cannot loop forever, as pushes stop after one pass per node.
 */
export function layoutLineage(
  graph: LineageGraph,
  options: ILayoutOptions = DEFAULT_LAYOUT
): ILineageLayout {
  const byId = new Map(graph.nodes.map(node => [node.id, node]));
  const edges = graph.edges.filter(
    edge => byId.has(edge.from) && byId.has(edge.to) && edge.from !== edge.to
  );

  const layer = new Map<string, number>();
  for (const node of graph.nodes) {
    layer.set(node.id, KIND_LAYER[node.kind] ?? 0);
  }
  for (let pass = 0; pass < graph.nodes.length; pass++) {
    let moved = false;
    for (const edge of edges) {
      const wanted = layer.get(edge.from)! + 1;
      if (layer.get(edge.to)! < wanted) {
        layer.set(edge.to, wanted);
        moved = true;
      }
    }
    if (!moved) {
      break;
    }
  }

  // Layers, each ordered by kind then name to start with.
  const layerCount = Math.max(0, ...layer.values()) + 1;
  const layers: LineageNode[][] = Array.from({ length: layerCount }, () => []);
  for (const node of graph.nodes) {
    layers[layer.get(node.id)!].push(node);
  }
  for (const nodes of layers) {
    nodes.sort((a, b) => a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label));
  }

  // Barycenter sweeps: order each layer by the mean position of its neighbours in the
  // layer before (forward sweeps) or after (backward sweeps).
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const edge of edges) {
    (incoming.get(edge.to) ?? incoming.set(edge.to, []).get(edge.to)!).push(edge.from);
    (outgoing.get(edge.from) ?? outgoing.set(edge.from, []).get(edge.from)!).push(edge.to);
  }
  const position = new Map<string, number>();
  const record = () =>
    layers.forEach(nodes => nodes.forEach((node, index) => position.set(node.id, index)));
  record();
  for (let sweep = 0; sweep < options.sweeps; sweep++) {
    const forward = sweep % 2 === 0;
    const order = forward
      ? layers.map((_, index) => index).slice(1)
      : layers
          .map((_, index) => index)
          .reverse()
          .slice(1);
    for (const index of order) {
      const neighbours = forward ? incoming : outgoing;
      const weight = new Map<string, number>();
      layers[index].forEach((node, at) => {
        const positions = (neighbours.get(node.id) ?? [])
          .map(id => position.get(id))
          .filter((value): value is number => value !== undefined);
        weight.set(
          node.id,
          positions.length
            ? positions.reduce((sum, value) => sum + value, 0) / positions.length
            : at
        );
      });
      layers[index] = [...layers[index]].sort((a, b) => weight.get(a.id)! - weight.get(b.id)!);
      record();
    }
  }

  const { nodeWidth, nodeHeight, layerGap, nodeGap } = options;
  const tallest = Math.max(0, ...layers.map(nodes => nodes.length));
  const height = Math.max(0, tallest * (nodeHeight + nodeGap) - nodeGap);
  const width = Math.max(0, layerCount * (nodeWidth + layerGap) - layerGap);
  const positioned = new Map<string, IPositionedNode>();
  layers.forEach((nodes, index) => {
    const columnHeight = nodes.length * (nodeHeight + nodeGap) - nodeGap;
    const top = (height - columnHeight) / 2;
    nodes.forEach((node, at) => {
      positioned.set(node.id, {
        node,
        layer: index,
        x: index * (nodeWidth + layerGap),
        y: top + at * (nodeHeight + nodeGap)
      });
    });
  });

  return {
    nodes: graph.nodes.map(node => positioned.get(node.id)!),
    edges: edges.map(edge => {
      const from = positioned.get(edge.from)!;
      const to = positioned.get(edge.to)!;
      const x1 = from.x + nodeWidth;
      const y1 = from.y + nodeHeight / 2;
      const x2 = to.x;
      const y2 = to.y + nodeHeight / 2;
      const bend = Math.max(24, (x2 - x1) / 2);
      return {
        edge,
        path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`
      };
    }),
    width,
    height
  };
}

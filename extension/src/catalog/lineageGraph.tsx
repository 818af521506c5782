/**
 * The lineage graph as SVG: pan by dragging, zoom with the wheel or the +/- buttons, Tab
 * through the nodes, Enter or a click opens one.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { kindLabel } from './labels.js';
import { DEFAULT_LAYOUT, layoutLineage } from './lineageLayout.js';
import type { LineageGraph, LineageNode } from './types.js';

const MIN_SCALE = 0.25;
const MAX_SCALE = 4;
const ZOOM_STEP = 1.25;
const PADDING = 16;
/** Characters of a label that fit a node; the full name is in the tooltip. */
const LABEL_CHARS = 20;

export interface IView {
  x: number;
  y: number;
  scale: number;
}

export interface ILineageGraphProps {
  graph: LineageGraph;
  /** The node of the object this view shows, highlighted. */
  focusId?: string;
  /** Open a node; tables have no detail view and are not offered. */
  onOpen: (node: LineageNode) => void;
  trans: TranslationBundle;
}

export function LineageGraphView(props: ILineageGraphProps): React.ReactElement {
  const { graph, trans } = props;
  const layout = React.useMemo(() => layoutLineage(graph), [graph]);
  const [view, setView] = React.useState<IView>({ x: PADDING, y: PADDING, scale: 1 });
  const drag = React.useRef<{ pointer: number; x: number; y: number } | null>(null);
  const svg = React.useRef<SVGSVGElement>(null);
  const height = Math.min(480, Math.max(160, layout.height + 2 * PADDING));

  /** The whole graph in view: scaled down to fit (never up), centred. */
  const fit = React.useCallback(() => {
    const width = svg.current?.getBoundingClientRect().width ?? 0;
    setView(fitView(layout.width, layout.height, width, height));
  }, [layout, height]);
  React.useLayoutEffect(fit, [fit]);

  const zoomAt = (factor: number, cx: number, cy: number) => {
    setView(current => {
      const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, current.scale * factor));
      const ratio = scale / current.scale;
      // Keep the point under (cx, cy) where it is.
      return { scale, x: cx - (cx - current.x) * ratio, y: cy - (cy - current.y) * ratio };
    });
  };
  const zoomCenter = (factor: number) => {
    const box = svg.current?.getBoundingClientRect();
    zoomAt(factor, (box?.width ?? 0) / 2, (box?.height ?? 0) / 2);
  };

  // React's wheel listeners are passive; a native one may prevent the page from scrolling.
  React.useEffect(() => {
    const node = svg.current;
    if (!node) {
      return;
    }
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = node.getBoundingClientRect();
      zoomAt(
        event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP,
        event.clientX - box.left,
        event.clientY - box.top
      );
    };
    node.addEventListener('wheel', onWheel, { passive: false });
    return () => node.removeEventListener('wheel', onWheel);
  }, []);

  if (graph.nodes.length === 0) {
    return <p className="fl-DetailEmpty">{trans.__('No lineage recorded.')}</p>;
  }

  const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT;
  return (
    <div className="fl-Lineage" data-featurelab-lineage="">
      <div className="fl-LineageToolbar" role="toolbar" aria-label={trans.__('Lineage zoom')}>
        <button
          type="button"
          className="fl-IconButton fl-LineageZoom"
          aria-label={trans.__('Zoom in')}
          title={trans.__('Zoom in')}
          onClick={() => zoomCenter(ZOOM_STEP)}
        >
          +
        </button>
        <button
          type="button"
          className="fl-IconButton fl-LineageZoom"
          aria-label={trans.__('Zoom out')}
          title={trans.__('Zoom out')}
          onClick={() => zoomCenter(1 / ZOOM_STEP)}
        >
          −
        </button>
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-reject fl-LineageReset"
          onClick={fit}
        >
          {trans.__('Fit')}
        </button>
        <span className="fl-LineageScale" aria-live="polite">
          {`${Math.round(view.scale * 100)}%`}
        </span>
      </div>
      <svg
        ref={svg}
        className="fl-LineageCanvas"
        role="group"
        aria-label={trans.__('Lineage graph')}
        data-featurelab-scale={view.scale.toFixed(3)}
        width="100%"
        height={height}
        onPointerDown={event => {
          if ((event.target as Element).closest('.fl-LineageNode')) {
            return;
          }
          drag.current = { pointer: event.pointerId, x: event.clientX, y: event.clientY };
          event.currentTarget.setPointerCapture(event.pointerId);
        }}
        onPointerMove={event => {
          const start = drag.current;
          if (!start || start.pointer !== event.pointerId) {
            return;
          }
          const dx = event.clientX - start.x;
          const dy = event.clientY - start.y;
          drag.current = { ...start, x: event.clientX, y: event.clientY };
          setView(current => ({ ...current, x: current.x + dx, y: current.y + dy }));
        }}
        onPointerUp={event => {
          if (drag.current?.pointer === event.pointerId) {
            drag.current = null;
            event.currentTarget.releasePointerCapture(event.pointerId);
          }
        }}
      >
        <defs>
          <marker
            id="fl-lineage-arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="fl-LineageArrow" />
          </marker>
        </defs>
        <g
          className="fl-LineageViewport"
          transform={`translate(${view.x} ${view.y}) scale(${view.scale})`}
        >
          {layout.edges.map(({ edge, path }) => (
            <path
              key={`${edge.from}->${edge.to}`}
              className={`fl-LineageEdge fl-mod-${edge.kind}`}
              d={path}
              markerEnd="url(#fl-lineage-arrow)"
              data-featurelab-edge={`${edge.from}->${edge.to}`}
            />
          ))}
          {layout.nodes.map(({ node, x, y }) => {
            const openable = node.kind !== 'table';
            const focused = node.id === props.focusId;
            const label =
              node.label.length > LABEL_CHARS
                ? `${node.label.slice(0, LABEL_CHARS - 1)}…`
                : node.label;
            const open = () => {
              if (openable) {
                props.onOpen(node);
              }
            };
            return (
              <g
                key={node.id}
                className={`fl-LineageNode fl-mod-${node.kind}${focused ? ' fl-mod-current' : ''}${openable ? ' fl-mod-openable' : ''}`}
                transform={`translate(${x} ${y})`}
                data-featurelab-node={node.id}
                role={openable ? 'button' : 'img'}
                tabIndex={0}
                aria-label={`${kindLabel(node.kind, trans)} ${node.label}`}
                aria-current={focused ? 'true' : undefined}
                onClick={open}
                onKeyDown={event => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    open();
                  }
                }}
              >
                <title>{`${kindLabel(node.kind, trans)}: ${node.label}`}</title>
                <rect width={nodeWidth} height={nodeHeight} rx={4} />
                <text x={8} y={13} className="fl-LineageKind">
                  {kindLabel(node.kind, trans)}
                </text>
                <text x={8} y={28} className="fl-LineageLabel">
                  {label}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </div>
  );
}

/**
 * The view that shows a `width` x `height` drawing whole in a `viewWidth` x `viewHeight`
 * canvas: scaled down to fit (never below MIN_SCALE, never up), centred.
 */
export function fitView(
  width: number,
  height: number,
  viewWidth: number,
  viewHeight: number
): IView {
  const room = { width: viewWidth - 2 * PADDING, height: viewHeight - 2 * PADDING };
  if (width <= 0 || height <= 0 || room.width <= 0 || room.height <= 0) {
    return { x: PADDING, y: PADDING, scale: 1 };
  }
  const scale = Math.max(MIN_SCALE, Math.min(1, room.width / width, room.height / height));
  return {
    scale,
    x: PADDING + Math.max(0, (room.width - width * scale) / 2),
    y: PADDING + Math.max(0, (room.height - height * scale) / 2)
  };
}

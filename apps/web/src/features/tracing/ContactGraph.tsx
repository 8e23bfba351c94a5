/**
 * A contact or transmission graph drawn by Cytoscape.js on canvas, with preset positions (time or tree
 * layout) so that tens of thousands of nodes appear in seconds. Clicking (or tapping) a node selects it;
 * nodes at a highlighted place stand out. The canvas is not readable by assistive technology: callers
 * show the same people in a table.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timeLayout, treeLayout, type LayoutNode } from './graph-layout';

export interface GraphNodeData extends LayoutNode {
  label: string;
  personId?: string | null | undefined;
  /** Places this node was exposed at (for highlighting). */
  places?: readonly string[] | undefined;
}

export interface GraphEdgeData {
  source: string;
  target: string;
  /** Infector links are drawn heavier than contact links. */
  strong?: boolean | undefined;
}

interface ContactGraphProps {
  nodes: readonly GraphNodeData[];
  edges: readonly GraphEdgeData[];
  layout: 'time' | 'tree';
  label: string;
  highlightPlace?: string | null | undefined;
  /** Node ids to keep; all when undefined (filter by case). */
  visible?: ReadonlySet<string> | undefined;
  onSelect?: (node: GraphNodeData | null) => void;
  /** Reports how long drawing took (ms), for the page and the browser test. */
  onRendered?: (ms: number) => void;
  height?: number;
}

const colours = { case: '#b3261e', close: '#c25e00', secondary: '#3d5a80', highlight: '#1b7f3b' };

export function ContactGraph({
  nodes,
  edges,
  layout,
  label,
  highlightPlace,
  visible,
  onSelect,
  onRendered,
  height = 520,
}: ContactGraphProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const core = useRef<Core | null>(null);
  const selected = useRef(onSelect);
  selected.current = onSelect;
  const rendered = useRef(onRendered);
  rendered.current = onRendered;
  const [drawn, setDrawn] = useState<{ nodes: number; edges: number; ms: number } | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const started = performance.now();
    const shown = visible ? nodes.filter((n) => visible.has(n.id)) : nodes;
    const ids = new Set(shown.map((n) => n.id));
    const positions = layout === 'time' ? timeLayout(shown) : treeLayout(shown);
    const large = shown.length > 2000;
    // Labels are legible only on small graphs; cases keep theirs.
    const labelled = shown.length <= 300;
    const elements: ElementDefinition[] = [
      ...shown.map((n) => ({
        group: 'nodes' as const,
        data: { id: n.id, label: n.label, kind: n.kind },
        position: positions.get(n.id)!,
        classes: n.kind,
      })),
      ...edges
        .filter((e) => ids.has(e.source) && ids.has(e.target))
        .map((e, i) => ({
          group: 'edges' as const,
          data: { id: `e${i}`, source: e.source, target: e.target },
          classes: e.strong ? 'strong' : '',
        })),
    ];
    const instance = cytoscape({
      container: container.current,
      elements,
      layout: { name: 'preset', fit: true, padding: 20 },
      // Large graphs: draw a texture while panning and zooming, no edges during it, labels only up close.
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
      minZoom: 0.02,
      maxZoom: 4,
      style: [
        {
          selector: 'node',
          style: {
            width: 6,
            height: 6,
            'background-color': colours.secondary,
            label: labelled ? 'data(label)' : '',
            'font-size': 8,
            'min-zoomed-font-size': 6,
            color: '#1f2933',
          },
        },
        { selector: 'node.close', style: { 'background-color': colours.close, width: 8, height: 8 } },
        {
          selector: 'node.case',
          style: {
            'background-color': colours.case,
            width: 16,
            height: 16,
            shape: 'diamond',
            label: 'data(label)',
          },
        },
        {
          selector: 'node.highlight',
          style: { 'background-color': colours.highlight, width: 12, height: 12, 'z-index': 10 },
        },
        { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#111' } },
        {
          selector: 'edge',
          style: { width: 0.5, 'line-color': '#9aa5b1', 'curve-style': 'haystack', opacity: 0.6 },
        },
        {
          selector: 'edge.strong',
          style: {
            width: 2,
            'line-color': colours.case,
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            'target-arrow-color': colours.case,
            opacity: 1,
          },
        },
      ],
    });
    const byId = new Map(nodes.map((n) => [n.id, n]));
    instance.on('tap', 'node', (event) => {
      const target = event.target as cytoscape.NodeSingular;
      selected.current?.(byId.get(target.id()) ?? null);
    });
    instance.on('tap', (event) => {
      if (event.target === instance) selected.current?.(null);
    });
    core.current = instance;
    // Measured once the canvas has painted the first frame.
    const frame = requestAnimationFrame(() => {
      const ms = Math.round(performance.now() - started);
      setDrawn({ nodes: shown.length, edges: instance.edges().length, ms });
      rendered.current?.(ms);
    });
    return () => {
      cancelAnimationFrame(frame);
      instance.destroy();
      core.current = null;
    };
  }, [nodes, edges, layout, visible]);

  useEffect(() => {
    const instance = core.current;
    if (!instance) return;
    instance.batch(() => {
      instance.nodes().removeClass('highlight');
      if (highlightPlace)
        for (const n of nodes)
          if (n.places?.includes(highlightPlace)) instance.getElementById(n.id).addClass('highlight');
    });
  }, [highlightPlace, nodes, drawn]);

  return (
    <figure className="tracing-graph">
      <div
        ref={container}
        role="img"
        aria-label={label}
        className="tracing-graph-canvas"
        style={{ height }}
        data-testid="contact-graph"
        data-rendered-nodes={drawn?.nodes ?? ''}
      />
      <figcaption>
        <ul className="tracing-legend" aria-label={t('tracing.clusters.legend')}>
          <li>
            <span className="swatch swatch-case" aria-hidden="true" /> {t('tracing.clusters.legendCase')}
          </li>
          <li>
            <span className="swatch swatch-close" aria-hidden="true" /> {t('tracing.clusters.legendClose')}
          </li>
          <li>
            <span className="swatch swatch-secondary" aria-hidden="true" />{' '}
            {t('tracing.clusters.legendSecondary')}
          </li>
          {highlightPlace && (
            <li>
              <span className="swatch swatch-highlight" aria-hidden="true" />{' '}
              {t('tracing.clusters.legendHighlight')}
            </li>
          )}
        </ul>
        {drawn && (
          <span className="hint" data-testid="graph-render-time">
            {t('tracing.clusters.renderTime', drawn)}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/**
 * A chart drawn by ECharts (tree-shaken: bar, line and map charts on canvas) in a labelled figure. The
 * canvas is not readable by assistive technology, so every chart has a text label and its caller shows the
 * same numbers in a table.
 */
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/** Registers a GeoJSON map once under a name (ECharts keeps maps globally). */
export function registerGeoJson(name: string, geoJson: object): void {
  if (!echarts.getMap(name)) echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
}

interface EChartProps {
  option: ChartOption;
  /** What the chart shows, read by screen readers. */
  label: string;
  height?: number;
  /** Called with the `name` of a clicked data item (areas on a map, days on a curve). */
  onItemClick?: (name: string) => void;
}

export function EChart({ option, label, height = 280, onItemClick }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useRef(onItemClick);
  clicked.current = onItemClick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.name === 'string' && params.name) clicked.current?.(params.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} role="img" aria-label={label} className="echart" style={{ height }} />;
}

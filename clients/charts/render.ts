import * as echarts from 'echarts';
import { registerWorldMap } from './world.js';

/** A chart's size in CSS pixels. */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/**
 * An ECharts option rendered on the server to a standalone SVG string, with no DOM and no
 * network: ECharts' own server-side renderer (`ssr: true`). The report embeds these; the dashboard
 * renders the same options in the browser, so a figure looks the same in both.
 */
export function renderSvg(option: echarts.EChartsCoreOption, size: ChartSize): string {
  registerWorldMap(echarts);
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

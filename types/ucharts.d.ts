/** The part of uCharts (@qiun/ucharts, no bundled types) the admin dashboard uses. */
declare module '@qiun/ucharts/u-charts.js' {
  export interface UChartsOptions {
    type: 'line' | 'column' | 'bar' | 'ring' | 'pie' | 'area';
    context: unknown;
    width: number;
    height: number;
    pixelRatio?: number;
    categories?: string[];
    series: unknown[];
    animation?: boolean;
    background?: string;
    color?: string[];
    padding?: number[];
    fontSize?: number;
    fontColor?: string;
    dataLabel?: boolean;
    dataPointShape?: boolean;
    enableScroll?: boolean;
    legend?: Record<string, unknown>;
    xAxis?: Record<string, unknown>;
    yAxis?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  }
  export default class UCharts {
    constructor(opts: UChartsOptions);
    updateData(data: { categories?: string[]; series: unknown[] }): void;
  }
}

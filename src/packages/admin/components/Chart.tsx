import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, View, Text } from '@tarojs/components';
import UCharts, { type UChartsOptions } from '@qiun/ucharts/u-charts.js';
import './Chart.scss';

/**
 * One chart drawn by uCharts on a `type="2d"` canvas — the same code in weapp and h5 (Taro's h5
 * selector query hands back the real <canvas> for a 2d Canvas). Series colours are the design
 * tokens' (tokens.scss: primary, gold, success, text-secondary, warning), passed as data because
 * a canvas cannot read CSS.
 */
const PALETTE = ['#c8161d', '#b8862e', '#1f8a4c', '#4e5563', '#a86200', '#f5b9bb'];

let seq = 0;

interface Props {
  title: string;
  type: UChartsOptions['type'];
  categories?: string[];
  series: unknown[];
  /** Height in px on a phone. */
  height?: number;
  empty?: boolean;
  /** What an empty chart says (default: nothing recorded in the period). */
  emptyText?: string;
  extra?: Record<string, unknown>;
  /** Long category names (venues) are slanted so they do not run into each other. */
  slantLabels?: boolean;
  /** A fixed top of the value axis (100 for percentages; a multiple of 5 keeps counts on whole numbers). */
  yMax?: number;
}

export function Chart({ title, type, categories, series, height = 220, empty, emptyText = '这段时间没有记录。', extra, slantLabels, yMax }: Props) {
  const id = useRef(`rp-chart-${++seq}`).current;
  const data = JSON.stringify({ categories, series, type, extra, slantLabels, yMax });

  useEffect(() => {
    if (empty) return;
    let cancelled = false;
    // Wait a frame so the canvas is laid out before it is measured.
    const timer = setTimeout(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res) => {
          const r = res?.[0] as { node?: any; width?: number; height?: number } | undefined;
          if (cancelled || !r?.node) return;
          const canvas = r.node;
          // weapp answers the size with the node; Taro's h5 query answers the node only (the real
          // <canvas>), so the size is read from the element there.
          const w = r.width || canvas.clientWidth;
          const h = r.height || canvas.clientHeight || height;
          if (!w) return;
          const dpr = Taro.getSystemInfoSync().pixelRatio || 1;
          canvas.width = w * dpr;
          canvas.height = h * dpr;
          const ctx = canvas.getContext('2d');
          new UCharts({
            type,
            context: ctx,
            width: canvas.width,
            height: canvas.height,
            pixelRatio: dpr,
            categories,
            series,
            animation: false,
            background: '#ffffff',
            color: PALETTE,
            padding: [12, 12, 4, 4],
            fontSize: 12,
            fontColor: '#4e5563',
            dataLabel: type !== 'line',
            dataPointShape: false,
            legend: { show: series.length > 1 || type === 'ring', position: 'bottom', fontSize: 12 },
            xAxis: { disableGrid: true, fontSize: 11, ...(slantLabels ? { rotateLabel: true, rotateAngle: 35, marginTop: 4 } : {}) },
            yAxis: { gridType: 'dash', splitNumber: 5, data: [{ min: 0, ...(yMax ? { max: yMax } : {}) }] },
            extra: { column: { type: 'group', width: 18 }, line: { type: 'curve', width: 2 }, ring: { ringWidth: 24, labelWidth: 12 }, ...extra },
          });
        });
    }, 50);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [data, empty]);

  return (
    <View className="rp-card rp-chart">
      <Text className="rp-chart__title">{title}</Text>
      {empty ? (
        <Text className="rp-muted">{emptyText}</Text>
      ) : (
        <Canvas type="2d" id={id} className="rp-chart__canvas" style={{ height: `${height}px` }} aria-label={title} />
      )}
    </View>
  );
}

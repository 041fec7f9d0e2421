import { describe, expect, it } from 'vitest';
import { CATEGORICAL } from './palette.js';
import { renderSvg } from './render.js';
import { WORLD_MAP, worldGeoJson } from './world.js';

describe('server-side charts', () => {
  it('renders a bar chart to a standalone SVG with its labels', () => {
    const svg = renderSvg(
      {
        color: [...CATEGORICAL],
        xAxis: { type: 'category', data: ['Africa', 'Americas', 'Asia'] },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: [3, 5, 8], label: { show: true } }],
      },
      { width: 400, height: 300 },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Americas');
    expect(svg).toContain('width="400"');
    // Three bars, each a path filled with the first categorical colour.
    expect(svg.match(/fill="#0072B2"/gi)?.length).toBeGreaterThanOrEqual(3);
  });

  it('draws the world map from the bundled Natural Earth shapes, keyed by M49 code', () => {
    const shapes = worldGeoJson().features;
    expect(shapes.length).toBeGreaterThan(170);
    const kenya = shapes.find((shape) => shape.properties.m49 === '404');
    expect(kenya?.properties.name).toBe('Kenya');
    const svg = renderSvg(
      {
        visualMap: { show: false, min: 0, max: 1, inRange: { color: ['#ffffff', '#0072B2'] } },
        series: [
          { type: 'map', map: WORLD_MAP, nameProperty: 'm49', data: [{ name: '404', value: 1 }] },
        ],
      },
      { width: 800, height: 400 },
    );
    expect(svg.match(/<path /g)?.length).toBeGreaterThan(170);
    // Kenya, the one State with data, filled with the top of the scale.
    expect(svg).toContain('fill="rgb(0,114,178)"');
  });
});

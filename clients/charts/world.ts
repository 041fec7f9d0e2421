import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries110m from 'world-atlas/countries-110m.json' with { type: 'json' };

/** The map name ECharts knows the world by, once registered. */
export const WORLD_MAP = 'world';

/** A country shape's properties: its M49 code (three digits) and Natural Earth's short name. */
export interface WorldFeatureProperties {
  readonly m49: string | null;
  readonly name: string;
}

let world: FeatureCollection<Geometry, WorldFeatureProperties> | undefined;

/**
 * The world's country shapes at 1:110m from `world-atlas` (Natural Earth, public domain), as
 * GeoJSON. Natural Earth's feature id is the ISO 3166-1 numeric code, which is the M49 code for
 * every country; a few disputed shapes carry none (`m49: null`). Bundled from the package (the
 * server and the dashboard's Vite build import the same file), never fetched from a network.
 */
export function worldGeoJson(): FeatureCollection<Geometry, WorldFeatureProperties> {
  if (!world) {
    const topology = countries110m as unknown as Topology<{
      countries: GeometryCollection<{ name: string }>;
    }>;
    const collection = feature(topology, topology.objects.countries);
    world = {
      type: 'FeatureCollection',
      features: collection.features.map((shape) => ({
        type: 'Feature',
        geometry: shape.geometry,
        properties: {
          m49: shape.id === undefined ? null : String(shape.id).padStart(3, '0'),
          name: shape.properties?.name ?? '',
        },
      })),
    };
  }
  return world;
}

/** The attribution a map drawn from `worldGeoJson` carries. */
export const WORLD_MAP_ATTRIBUTION =
  'Boundaries: Natural Earth 1:110m (public domain), via world-atlas. Shapes do not imply any position on the legal status of any country or territory.';

/**
 * Registers the world map with an ECharts instance (server or browser), keyed by M49 code: a
 * `map` series names its data by `m49` (`nameProperty: 'm49'`).
 */
export function registerWorldMap(echarts: {
  getMap(name: string): unknown;
  registerMap(name: string, geoJson: never): void;
}): void {
  if (!echarts.getMap(WORLD_MAP)) {
    echarts.registerMap(WORLD_MAP, worldGeoJson() as never);
  }
}

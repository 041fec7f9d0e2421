import { describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import { readCsv } from '../../loaders/seed-data/csv.js';
import { GPC_THEMES, GpcTheme } from '../../schema/gpc.js';
import { generateSyntheticPartnerships } from './synthetic.seed.js';

const inputs = {
  organizationIds: ['a', 'b', 'c', 'd', 'e'],
  countriesByRegion: new Map([
    ['002', ['KEN', 'NGA', 'SEN']],
    ['142', ['IND', 'QAT']],
    ['019', ['BRA']],
    ['150', ['FRA']],
    ['009', ['FJI']],
  ]),
};

describe('synthetic partnerships', () => {
  it('are the same on every run', () => {
    expect(generateSyntheticPartnerships(inputs)).toEqual(generateSyntheticPartnerships(inputs));
  });

  it('say they are synthetic, end after they start, and have distinct members with one lead', () => {
    for (const p of generateSyntheticPartnerships(inputs)) {
      expect(p.title.startsWith('(synthetic)')).toBe(true);
      expect(p.endDate === null || p.endDate > p.startDate).toBe(true);
      expect(new Set(p.members.map((m) => m.organizationId)).size).toBe(p.members.length);
      expect(p.members.filter((m) => m.role === 'LEAD')).toHaveLength(1);
      expect(p.themes.length).toBeGreaterThan(0);
    }
  });

  it('leave virtual assets and OCSEA uncovered in Oceania (gaps on purpose)', () => {
    const oceania = generateSyntheticPartnerships(inputs).filter((p) =>
      p.countryIso3s.includes('FJI'),
    );
    expect(oceania.flatMap((p) => p.themes)).not.toContain(GpcTheme.VIRTUAL_ASSETS);
    expect(oceania.flatMap((p) => p.themes)).not.toContain(GpcTheme.OCSEA);
  });
});

describe('GpcTheme', () => {
  it('lists exactly the pillars and areas of the seeded gpc_facts.csv, with their labels', async () => {
    const rows = await readCsv(projectPath('subgraphs', 'partners', 'seed', 'gpc_facts.csv'));
    const fromFile = rows
      .filter((r) => r['fact_type'] === 'PILLAR' || r['fact_type'] === 'AREA')
      .map((r) => [r['code'], { label: r['label'], kind: r['fact_type'] }]);
    expect(Object.fromEntries(fromFile)).toEqual(GPC_THEMES);
  });
});

import { registerEnumType } from 'type-graphql';

/**
 * The UNODC Global Programme on Cybercrime's pillars and areas (shared/data/gpc_facts.csv,
 * verified against unodc.org). One definition for every subgraph that tags records with them.
 */
export enum GpcPillar {
  CAPACITY_BUILDING = 'CAPACITY_BUILDING',
  REGULATORY_FRAMEWORK = 'REGULATORY_FRAMEWORK',
  COOPERATION = 'COOPERATION',
  PREVENTION = 'PREVENTION',
}

export enum GpcArea {
  CYBER_INVESTIGATIONS = 'CYBER_INVESTIGATIONS',
  DIGITAL_FORENSICS = 'DIGITAL_FORENSICS',
  DIGITAL_EVIDENCE = 'DIGITAL_EVIDENCE',
  VIRTUAL_ASSETS = 'VIRTUAL_ASSETS',
  OCSEA = 'OCSEA',
  CYBERCRIME_PREVENTION = 'CYBERCRIME_PREVENTION',
}

registerEnumType(GpcPillar, {
  name: 'GpcPillar',
  description: 'Pillars of the UNODC Global Programme on Cybercrime.',
  valuesConfig: {
    CAPACITY_BUILDING: { description: 'Pillar (a): capacity building.' },
    REGULATORY_FRAMEWORK: { description: 'Pillar (b): regulatory framework.' },
    COOPERATION: { description: 'Pillar (c): cooperation.' },
    PREVENTION: { description: 'Pillar (d): prevention.' },
  },
});

registerEnumType(GpcArea, {
  name: 'GpcArea',
  description: 'Thematic areas of the UNODC Global Programme on Cybercrime.',
  valuesConfig: {
    CYBER_INVESTIGATIONS: { description: 'Cyber investigations.' },
    DIGITAL_FORENSICS: { description: 'Digital forensics.' },
    DIGITAL_EVIDENCE: { description: 'Digital evidence.' },
    VIRTUAL_ASSETS: { description: 'Virtual assets.' },
    OCSEA: { description: 'Online child sexual exploitation and abuse.' },
    CYBERCRIME_PREVENTION: { description: 'Cybercrime prevention.' },
  },
});

/**
 * A pillar or an area, for fields and filters that take either (a partnership's themes): the
 * union of `GpcPillar` and `GpcArea`, not a second list of codes.
 */
export const GpcTheme = { ...GpcPillar, ...GpcArea } as const;
export type GpcTheme = GpcPillar | GpcArea;

/** Labels and kinds as in gpc_facts.csv (PILLAR and AREA rows). */
export const GPC_THEMES: Readonly<Record<GpcTheme, { label: string; kind: 'PILLAR' | 'AREA' }>> = {
  CAPACITY_BUILDING: { label: 'Capacity building', kind: 'PILLAR' },
  REGULATORY_FRAMEWORK: { label: 'Regulatory framework', kind: 'PILLAR' },
  COOPERATION: { label: 'Cooperation', kind: 'PILLAR' },
  PREVENTION: { label: 'Prevention', kind: 'PILLAR' },
  CYBER_INVESTIGATIONS: { label: 'Cyber investigations', kind: 'AREA' },
  DIGITAL_FORENSICS: { label: 'Digital forensics', kind: 'AREA' },
  DIGITAL_EVIDENCE: { label: 'Digital evidence', kind: 'AREA' },
  VIRTUAL_ASSETS: { label: 'Virtual assets', kind: 'AREA' },
  OCSEA: { label: 'Online child sexual exploitation and abuse', kind: 'AREA' },
  CYBERCRIME_PREVENTION: { label: 'Cybercrime prevention', kind: 'AREA' },
};

registerEnumType(GpcTheme, {
  name: 'GpcTheme',
  description:
    'The pillars and thematic areas of the UNODC Global Programme on Cybercrime (sources in gpc_facts.csv).',
  valuesConfig: Object.fromEntries(
    Object.entries(GPC_THEMES).map(([code, { label, kind }]) => [
      code,
      { description: `${kind === 'PILLAR' ? 'Pillar' : 'Area'}: ${label}.` },
    ]),
  ),
});

/**
 * The UNODC Global Programme on Cybercrime's pillars and areas (shared/data/gpc_facts.csv,
 * verified against unodc.org). One definition for every subgraph that tags records with them;
 * registered for the schema build in `schema/enum-registrations.ts`.
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

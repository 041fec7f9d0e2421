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

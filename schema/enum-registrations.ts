import { registerEnumType } from 'type-graphql';
import { Confidence } from './common-types.js';
import { GPC_THEMES, GpcArea, GpcPillar, GpcTheme } from './gpc.js';
import { ReviewStatus } from './review.js';

/*
 * The kernel's shared enums, registered with type-graphql. The enums themselves are plain
 * TypeScript in their own modules, so repositories, seeds and access rules import them without
 * this side effect; `build-subgraph-schema.ts` imports this module, so the registration happens
 * before any schema is built.
 */

registerEnumType(Confidence, {
  name: 'Confidence',
  description: 'Whether a fact was checked against the public source it cites.',
  valuesConfig: {
    VERIFIED: { description: 'Checked against the public source named in `source`.' },
    TO_VERIFY: {
      description: 'From general knowledge or secondary material; check before relying on it.',
    },
  },
});

registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: 'Editorial state of a contributed record.',
  valuesConfig: {
    PENDING_REVIEW: {
      description:
        'Submitted by a focal point or partner; visible to editors and its submitter scope only.',
    },
    PUBLISHED: { description: 'Reviewed and visible to everyone.' },
    REJECTED: { description: 'Reviewed and not published; kept for the audit trail.' },
    ARCHIVED: { description: 'Withdrawn; kept for history, hidden from default lists.' },
  },
});

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

import { registerEnumType } from 'type-graphql';

export enum RequestStatus {
  RECEIVED = 'RECEIVED',
  ASSESSED = 'ASSESSED',
  IN_DELIVERY = 'IN_DELIVERY',
  MET = 'MET',
  DECLINED = 'DECLINED',
}

registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  description:
    'Where a request for assistance stands. The path is RECEIVED → ASSESSED → IN_DELIVERY → MET; DECLINED may follow any open state.',
  valuesConfig: {
    RECEIVED: { description: 'The request has been received.' },
    ASSESSED: { description: 'The needs behind it have been assessed.' },
    IN_DELIVERY: { description: 'Assistance is being delivered.' },
    MET: { description: 'The request has been met.' },
    DECLINED: { description: 'The request was declined or withdrawn.' },
  },
});

/** The order of the open path; DECLINED is reachable from every state before MET. */
export const STATUS_ORDER: readonly RequestStatus[] = [
  RequestStatus.RECEIVED,
  RequestStatus.ASSESSED,
  RequestStatus.IN_DELIVERY,
  RequestStatus.MET,
];

export enum ActivityType {
  TRAINING = 'TRAINING',
  LEGISLATIVE_ADVICE = 'LEGISLATIVE_ADVICE',
  MENTORING = 'MENTORING',
  EQUIPMENT = 'EQUIPMENT',
  ASSESSMENT_MISSION = 'ASSESSMENT_MISSION',
  CONFERENCE = 'CONFERENCE',
}

registerEnumType(ActivityType, {
  name: 'ActivityType',
  description: 'What kind of technical assistance an activity delivers.',
  valuesConfig: {
    TRAINING: { description: 'A course for practitioners; its participants count as trained.' },
    LEGISLATIVE_ADVICE: { description: 'Advice on drafting or reviewing legislation.' },
    MENTORING: { description: 'Mentoring on the job; its participants count as trained.' },
    EQUIPMENT: { description: 'Equipment or software handed over.' },
    ASSESSMENT_MISSION: { description: 'A mission assessing needs or capacity.' },
    CONFERENCE: { description: 'A conference, meeting or workshop.' },
  },
});

/** The types whose participants count as practitioners trained in `deliverySummary`. */
export const TRAINING_TYPES: ReadonlySet<string> = new Set([
  ActivityType.TRAINING,
  ActivityType.MENTORING,
]);

export enum Modality {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
  HYBRID = 'HYBRID',
}

registerEnumType(Modality, {
  name: 'Modality',
  description: 'How an activity was delivered.',
  valuesConfig: {
    IN_PERSON: { description: 'With everyone in the same place.' },
    ONLINE: { description: 'Remotely, online only.' },
    HYBRID: { description: 'Partly in person, partly online.' },
  },
});

export enum PractitionerRole {
  INVESTIGATOR = 'INVESTIGATOR',
  PROSECUTOR = 'PROSECUTOR',
  JUDGE = 'JUDGE',
  FORENSIC_EXPERT = 'FORENSIC_EXPERT',
  FIRST_RESPONDER = 'FIRST_RESPONDER',
  POLICY_MAKER = 'POLICY_MAKER',
}

registerEnumType(PractitionerRole, {
  name: 'PractitionerRole',
  description: 'The professional role of participants (the audiences of the Global Programme).',
  valuesConfig: {
    INVESTIGATOR: { description: 'Police and other investigators.' },
    PROSECUTOR: { description: 'Prosecutors.' },
    JUDGE: { description: 'Judges and magistrates.' },
    FORENSIC_EXPERT: { description: 'Digital forensic examiners.' },
    FIRST_RESPONDER: { description: 'First responders securing digital evidence.' },
    POLICY_MAKER: { description: 'Officials who make policy or draft laws.' },
  },
});

export enum DeliveryGrouping {
  REGION = 'REGION',
  COUNTRY = 'COUNTRY',
  PILLAR = 'PILLAR',
  AREA = 'AREA',
  ACTIVITY_TYPE = 'ACTIVITY_TYPE',
}

registerEnumType(DeliveryGrouping, {
  name: 'DeliveryGrouping',
  description: 'How `deliverySummary` groups its rows.',
  valuesConfig: {
    REGION: { description: 'M49 region (five regions) of each beneficiary country.' },
    COUNTRY: { description: 'Each beneficiary country.' },
    PILLAR: { description: 'The activity’s Global Programme pillar.' },
    AREA: { description: 'Each Global Programme area of the activity.' },
    ACTIVITY_TYPE: { description: 'The activity type.' },
  },
});

import { registerEnumType } from 'type-graphql';

// IATI 2.03 code lists (iati_codes.csv, CC BY 4.0, IATI Standard) and the Global Programme's
// pillars and areas (gpc_facts.csv), as GraphQL enums. The IATI code is kept beside each name.

export enum ActivityStatus {
  PIPELINE = 'PIPELINE',
  IMPLEMENTATION = 'IMPLEMENTATION',
  FINALISATION = 'FINALISATION',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
  SUSPENDED = 'SUSPENDED',
}

export const ACTIVITY_STATUS_CODES: Readonly<Record<ActivityStatus, string>> = {
  PIPELINE: '1',
  IMPLEMENTATION: '2',
  FINALISATION: '3',
  CLOSED: '4',
  CANCELLED: '5',
  SUSPENDED: '6',
};

registerEnumType(ActivityStatus, {
  name: 'ActivityStatus',
  description: 'IATI ActivityStatus (2.03): where an activity stands.',
  valuesConfig: {
    PIPELINE: { description: 'IATI 1, Pipeline/identification: being scoped or planned.' },
    IMPLEMENTATION: { description: 'IATI 2, Implementation: currently being implemented.' },
    FINALISATION: { description: 'IATI 3, Finalisation: complete, accounts not yet closed.' },
    CLOSED: { description: 'IATI 4, Closed.' },
    CANCELLED: { description: 'IATI 5, Cancelled.' },
    SUSPENDED: { description: 'IATI 6, Suspended.' },
  },
});

export enum OrganisationRole {
  FUNDING = 'FUNDING',
  ACCOUNTABLE = 'ACCOUNTABLE',
  EXTENDING = 'EXTENDING',
  IMPLEMENTING = 'IMPLEMENTING',
}

export const ORGANISATION_ROLE_CODES: Readonly<Record<OrganisationRole, string>> = {
  FUNDING: '1',
  ACCOUNTABLE: '2',
  EXTENDING: '3',
  IMPLEMENTING: '4',
};

registerEnumType(OrganisationRole, {
  name: 'OrganisationRole',
  description: 'IATI OrganisationRole (2.03): what a participating organisation does.',
  valuesConfig: {
    FUNDING: { description: 'IATI 1: provides funds to the activity.' },
    ACCOUNTABLE: { description: 'IATI 2: responsible for oversight of the activity.' },
    EXTENDING: { description: 'IATI 3: manages the budget on behalf of the funder.' },
    IMPLEMENTING: { description: 'IATI 4: physically carries out the activity.' },
  },
});

export enum TransactionType {
  INCOMING_FUNDS = 'INCOMING_FUNDS',
  OUTGOING_COMMITMENT = 'OUTGOING_COMMITMENT',
  DISBURSEMENT = 'DISBURSEMENT',
  EXPENDITURE = 'EXPENDITURE',
  REIMBURSEMENT = 'REIMBURSEMENT',
  INCOMING_COMMITMENT = 'INCOMING_COMMITMENT',
  OUTGOING_PLEDGE = 'OUTGOING_PLEDGE',
  INCOMING_PLEDGE = 'INCOMING_PLEDGE',
}

/** IATI TransactionType codes; loan, equity and guarantee types (5, 6, 8, 9, 10) are not used. */
export const TRANSACTION_TYPE_CODES: Readonly<Record<TransactionType, string>> = {
  INCOMING_FUNDS: '1',
  OUTGOING_COMMITMENT: '2',
  DISBURSEMENT: '3',
  EXPENDITURE: '4',
  REIMBURSEMENT: '7',
  INCOMING_COMMITMENT: '11',
  OUTGOING_PLEDGE: '12',
  INCOMING_PLEDGE: '13',
};

registerEnumType(TransactionType, {
  name: 'TransactionType',
  description:
    'IATI TransactionType (2.03). Pledges (12, 13), commitments (2, 11), received funds (1) and spending (3, 4, 7) are kept apart, never added together.',
  valuesConfig: {
    INCOMING_FUNDS: { description: 'IATI 1: funds received for use on the activity.' },
    OUTGOING_COMMITMENT: { description: 'IATI 2: a firm, written obligation to provide funds.' },
    DISBURSEMENT: { description: 'IATI 3: outgoing funds placed at a recipient’s disposal.' },
    EXPENDITURE: { description: 'IATI 4: outgoing funds spent on goods and services.' },
    REIMBURSEMENT: { description: 'IATI 7: covers funds already spent by the recipient.' },
    INCOMING_COMMITMENT: { description: 'IATI 11: a firm, written obligation from a provider.' },
    OUTGOING_PLEDGE: { description: 'IATI 12: indicative, non-binding outgoing pledge.' },
    INCOMING_PLEDGE: { description: 'IATI 13: indicative, non-binding incoming pledge.' },
  },
});

/** Which flow of the report a transaction type counts in. */
export enum FundingFlow {
  PLEDGED = 'PLEDGED',
  COMMITTED = 'COMMITTED',
  RECEIVED = 'RECEIVED',
  SPENT = 'SPENT',
}

export const FLOW_OF_TYPE: Readonly<Record<TransactionType, FundingFlow>> = {
  INCOMING_PLEDGE: FundingFlow.PLEDGED,
  OUTGOING_PLEDGE: FundingFlow.PLEDGED,
  INCOMING_COMMITMENT: FundingFlow.COMMITTED,
  OUTGOING_COMMITMENT: FundingFlow.COMMITTED,
  INCOMING_FUNDS: FundingFlow.RECEIVED,
  DISBURSEMENT: FundingFlow.SPENT,
  EXPENDITURE: FundingFlow.SPENT,
  REIMBURSEMENT: FundingFlow.SPENT,
};

export enum Earmarking {
  UNEARMARKED = 'UNEARMARKED',
  SOFTLY_EARMARKED = 'SOFTLY_EARMARKED',
  EARMARKED = 'EARMARKED',
}

registerEnumType(Earmarking, {
  name: 'Earmarking',
  description: 'How far a contribution is tied to a use (project classification).',
  valuesConfig: {
    UNEARMARKED: { description: 'Usable anywhere in the programme.' },
    SOFTLY_EARMARKED: { description: 'Tied to a region, pillar or theme.' },
    EARMARKED: { description: 'Tied to one project or activity.' },
  },
});

export enum BudgetType {
  ORIGINAL = 'ORIGINAL',
  REVISED = 'REVISED',
}

registerEnumType(BudgetType, {
  name: 'BudgetType',
  description: 'IATI BudgetType (2.03).',
  valuesConfig: {
    ORIGINAL: { description: 'IATI 1: the original budget allocated to the activity.' },
    REVISED: { description: 'IATI 2: the updated budget.' },
  },
});

export enum BudgetStatus {
  INDICATIVE = 'INDICATIVE',
  COMMITTED = 'COMMITTED',
}

registerEnumType(BudgetStatus, {
  name: 'BudgetStatus',
  description: 'IATI BudgetStatus (2.03).',
  valuesConfig: {
    INDICATIVE: { description: 'IATI 1: a non-binding estimate.' },
    COMMITTED: { description: 'IATI 2: a binding agreement.' },
  },
});

// The Global Programme's pillars and areas are shared by every subgraph: one definition in the kernel.
export { GpcArea, GpcPillar } from '../../schema/gpc.js';

/** The reporting currency of aggregates; only USD has a rate table today. */
export enum ReportingCurrency {
  USD = 'USD',
}

registerEnumType(ReportingCurrency, {
  name: 'ReportingCurrency',
  description: 'The currency aggregates are converted to.',
  valuesConfig: { USD: { description: 'United States dollar.' } },
});

export enum FundingDimension {
  DONOR = 'DONOR',
  RECIPIENT_COUNTRY = 'RECIPIENT_COUNTRY',
  REGION = 'REGION',
  YEAR = 'YEAR',
  PILLAR = 'PILLAR',
}

registerEnumType(FundingDimension, {
  name: 'FundingDimension',
  description: 'A dimension `fundingSummary` groups by; several may be combined.',
  valuesConfig: {
    DONOR: {
      description:
        'The provider organisation of each transaction (for spending, the organisation that spends, such as UNODC).',
    },
    RECIPIENT_COUNTRY: {
      description:
        'Recipient country of the project; amounts split by its recipient percentages (null: no recipient country, such as a global programme).',
    },
    REGION: {
      description: 'M49 region of the recipient country, split the same way as RECIPIENT_COUNTRY.',
    },
    YEAR: { description: 'Calendar year of the transaction date.' },
    PILLAR: {
      description:
        'Global Programme pillar of the project. A project with several pillars counts in full under each, so pillar groups may overlap.',
    },
  },
});

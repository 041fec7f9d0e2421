/** The mutation the cache tests send to make a write, and what they read back from it. */
export const CREATE_PARTNERSHIP = `mutation($input: CreatePartnershipInput!) { createPartnership(input: $input) { id reviewStatus } }`;

/**
 * A partnership an editor may create: "(synthetic)" in its title, dated in 2031 so that it never
 * meets a real one, led by UNODC with INTERPOL implementing, in Kenya.
 */
export function newPartnership(title: string) {
  return {
    title: `${title} (synthetic)`,
    type: 'KNOWLEDGE',
    startDate: '2031-01-01',
    endDate: '2031-12-31',
    themes: ['VIRTUAL_ASSETS'],
    countries: ['KEN'],
    members: [
      { organizationId: 'unodc', role: 'LEAD' },
      { organizationId: 'interpol', role: 'IMPLEMENTING' },
    ],
  };
}

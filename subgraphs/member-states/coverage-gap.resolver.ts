import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { admits } from '../../schema/basis.js';
import { found } from '../../schema/errors.js';
import type { MemberStatesContext } from './context.js';
import { CoverageGapReport, GapCandidate } from './coverage-gap.entity.js';
import { canReadFindings } from './member-states.access.js';
import { FindingStatus, Severity } from './needs-assessment.entity.js';
import { M49Region } from './region.entity.js';

@Resolver(() => CoverageGapReport)
export class CoverageGapResolver {
  @FieldResolver(() => M49Region, { description: 'The M49 area.' })
  async area(
    @Root() report: CoverageGapReport,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<M49Region> {
    return found(
      await ctx.loaders.regionByM49.load(report.region),
      'M49Region',
      report.region,
      'region',
    );
  }

  @FieldResolver(() => [GapCandidate], {
    description:
      'Open HIGH-severity findings (not closed by a later assessment) in the States of the area that this viewer may read (RESTRICTED: editors and the country’s focal point; CONFIDENTIAL: editors), by country and area.',
  })
  async highSeverityFindings(
    @Root() report: CoverageGapReport,
    @Ctx() ctx: MemberStatesContext,
  ): Promise<GapCandidate[]> {
    const countries = (await ctx.loaders.countriesByAreaM49.load(report.region)) ?? [];
    const lists = await ctx.loaders.needsAssessmentsByCountryIso3.loadMany(
      countries.map((c) => c.iso3),
    );
    const found: GapCandidate[] = [];
    for (const list of lists) {
      if (list instanceof Error) {
        throw list;
      }
      for (const assessment of list ?? []) {
        const since = assessment.completedOn ?? assessment.startedOn;
        if (
          !since ||
          !canReadFindings(ctx.viewer, assessment) ||
          !admits(assessment, report.includeSynthetic)
        ) {
          continue;
        }
        for (const finding of assessment.findingsList) {
          if (finding.severity === Severity.HIGH && finding.status === FindingStatus.OPEN) {
            found.push({
              assessmentId: assessment.id,
              countryIso3: assessment.countryIso3,
              area: finding.area,
              gap: finding.gap,
              since,
            });
          }
        }
      }
    }
    const key = (f: GapCandidate) => `${f.countryIso3}|${f.area}|${f.assessmentId}`;
    return found.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  }
}

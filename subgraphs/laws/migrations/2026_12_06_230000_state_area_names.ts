import type { Kysely } from 'kysely';

// Frozen in time: no application imports.
//
// The names of each State's M49 areas beside their codes (UNSD's names, as the State files give
// them), so counts grouped by region can label their groups.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('state_area')
    .addColumn('region_name', 'text')
    .addColumn('subregion_name', 'text')
    .addColumn('intermediate_region_name', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('state_area')
    .dropColumn('region_name')
    .dropColumn('subregion_name')
    .dropColumn('intermediate_region_name')
    .execute();
}

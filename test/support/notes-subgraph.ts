import { sql, type Kysely } from 'kysely';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Float,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { AuditTables } from '../../loaders/audit.js';
import { createCachedLoader, type LoaderDeps } from '../../loaders/cached-loader.js';
import { byKey } from '../../loaders/keyed.js';
import { auditLogResolver } from '../../schema/audit.js';
import type { SubgraphContext } from '../../schema/context.js';
import { notFound } from '../../schema/errors.js';
import type { Subgraph } from '../../schema/subgraph.js';
import { runWrite } from '../../schema/writes.js';

// A minimal subgraph that exercises the write kernel: runWrite, the audit log, cache purges.

interface NotesTables extends AuditTables {
  note: { id: string; text: string };
}

const NOTE_PREFIX = 'test-notes:v1:note:';

@ObjectType({ description: 'A note.' })
@Directive('@key(fields: "id")')
class Note {
  @Field(() => ID, { description: 'Key.' })
  id!: string;

  @Field(() => String, { description: 'Text.' })
  text!: string;
}

function createLoaders(db: Kysely<NotesTables>, deps: LoaderDeps) {
  return {
    noteById: createCachedLoader<string, Note>(deps, {
      prefix: NOTE_PREFIX,
      load: async (keys) =>
        byKey(
          keys,
          await db
            .selectFrom('note')
            .select(['id', 'text'])
            .where('id', 'in', [...keys])
            .execute(),
          (n) => n.id,
        ),
    }),
  };
}

type Ctx = SubgraphContext<NotesTables, ReturnType<typeof createLoaders>>;

/** Runs of `slowNote` so far: a retried fetch shows up as two. */
export const slowNoteRuns = { count: 0 };

@Resolver(() => Note)
class NoteResolver {
  @Query(() => String, {
    description:
      'Sleeps `seconds` in PostgreSQL (pg_sleep, tagged with `tag` for pg_stat_activity), then answers the tag.',
  })
  async slowNote(
    @Arg('seconds', () => Float) seconds: number,
    @Arg('tag', () => String) tag: string,
    @Ctx() ctx: Ctx,
  ): Promise<string> {
    if (!/^[a-z0-9-]{1,40}$/.test(tag)) {
      throw new Error('tag: lower-case letters, digits and hyphens');
    }
    slowNoteRuns.count += 1;
    // The tag goes into the statement's text, where pg_stat_activity shows it.
    await sql`select pg_sleep(${seconds}) as ${sql.id(`slept_${tag.replace(/-/g, '_')}`)}`.execute(
      ctx.db,
    );
    return tag;
  }

  @Query(() => Note, { description: 'One note.' })
  async note(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Note> {
    const note = await ctx.loaders.noteById.load(id);
    if (!note) {
      throw notFound('Note', id, 'id');
    }
    return note;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The text as a read through the loader finds it now (after this request's writes, if any).",
  })
  async storedText(@Root() note: Note, @Ctx() ctx: Ctx): Promise<string | null> {
    return (await ctx.loaders.noteById.load(note.id))?.text ?? null;
  }

  @Authorized('editor')
  @Mutation(() => Note, {
    description: 'Creates or replaces a note; `failAfterWrite` simulates a crash mid-write.',
  })
  async saveNote(
    @Arg('id', () => ID) id: string,
    @Arg('text', () => String) text: string,
    @Ctx() ctx: Ctx,
    @Arg('failAfterWrite', () => Boolean, { nullable: true }) failAfterWrite?: boolean,
  ): Promise<Note> {
    return runWrite(ctx, async (trx) => {
      const before = await trx
        .selectFrom('note')
        .select(['id', 'text'])
        .where('id', '=', id)
        .executeTakeFirst();
      await trx
        .insertInto('note')
        .values({ id, text })
        .onConflict((oc) => oc.column('id').doUpdateSet({ text }))
        .execute();
      if (failAfterWrite) {
        throw new Error('simulated failure after the write');
      }
      const after = { id, text };
      return {
        result: after,
        audit: [
          { entityType: 'Note', entityId: id, action: before ? 'UPDATE' : 'CREATE', before, after },
        ],
        invalidate: { keys: [NOTE_PREFIX + id], tags: ['Note', `Note:${id}`] },
      };
    });
  }

  @Authorized('editor')
  @Mutation(() => Note, { description: 'Creates a note; fails when the id exists.' })
  async createNote(
    @Arg('id', () => ID) id: string,
    @Arg('text', () => String) text: string,
    @Ctx() ctx: Ctx,
  ): Promise<Note> {
    return runWrite(
      ctx,
      async (trx) => {
        await trx.insertInto('note').values({ id, text }).execute();
        return {
          result: { id, text },
          audit: [
            {
              entityType: 'Note',
              entityId: id,
              action: 'CREATE',
              before: null,
              after: { id, text },
            },
          ],
          invalidate: { keys: [NOTE_PREFIX + id], tags: ['Note'] },
        };
      },
      { note_pkey: 'id' },
    );
  }
}

export const notesSubgraph: Subgraph<NotesTables, ReturnType<typeof createLoaders>> = {
  name: 'test-notes',
  dbSchema: 'test_notes',
  resolvers: [NoteResolver, auditLogResolver('notesAuditLog', 'test-notes')],
  referenceResolvers: {
    Note: { __resolveReference: (ref, ctx) => ctx.loaders.noteById.load(String(ref['id'])) },
  },
  migrations: {
    '0001_create_note': {
      up: async (db) => {
        await db.schema
          .createTable('note')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('text', 'text', (c) => c.notNull())
          .execute();
      },
    },
  },
  createLoaders,
};

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../loaders/cache.js';
import { tagVersions } from '../../loaders/invalidation.js';
import { clientErrors } from '../support/client-errors.js';
import { startTestSubgraph, type TestSubgraph } from '../support/harness.js';
import { notesSubgraph } from '../support/notes-subgraph.js';
import { as } from '../support/viewer.js';

let subgraph: TestSubgraph;
const cache = new MemoryCache({ maxEntries: 1_000 });
const editor = as.editor;

beforeAll(async () => {
  subgraph = await startTestSubgraph(notesSubgraph, { cache });
  // The audit log is append-only even for tests: start from a fresh schema instead.
  await sql`drop schema if exists test_notes cascade`.execute(subgraph.database.db);
  await subgraph.close();
  subgraph = await startTestSubgraph(notesSubgraph, { cache });
});
afterAll(() => subgraph?.close());

const SAVE = `mutation($id: ID!, $text: String!, $fail: Boolean) { saveNote(id: $id, text: $text, failAfterWrite: $fail) { id text } }`;
const AUDIT = `query($id: String) { notesAuditLog(entityId: $id) { action actorRole actorSubject entityType before after } }`;

describe('runWrite', () => {
  it('commits a write with its audit entry, who and what', async () => {
    const { data } = await subgraph.query(SAVE, { id: 'n1', text: 'first' }, editor);
    expect(data).toEqual({ saveNote: { id: 'n1', text: 'first' } });
    const audit = await subgraph.query(AUDIT, { id: 'n1' }, editor);
    expect(audit.data?.['notesAuditLog']).toEqual([
      {
        action: 'CREATE',
        actorRole: 'editor',
        actorSubject: 'test-editor',
        entityType: 'Note',
        before: null,
        after: '{"id":"n1","text":"first"}',
      },
    ]);
  });

  it('writes nothing, audit included, when the write fails midway', async () => {
    const failed = await subgraph.query(SAVE, { id: 'n2', text: 'lost', fail: true }, editor);
    // No stack trace, no SQL: the client reads a code and a plain sentence.
    expect(clientErrors(failed)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "INTERNAL_SERVER_ERROR",
          },
          "message": "Unexpected error.",
          "path": [
            "saveNote",
          ],
        },
      ]
    `);
    expect(clientErrors(await subgraph.query(`{ note(id: "n2") { id } }`))).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "NOT_FOUND",
            "field": "id",
            "key": "n2",
            "type": "Note",
          },
          "message": "No Note has id "n2".",
          "path": [
            "note",
          ],
        },
      ]
    `);
    expect((await subgraph.query(AUDIT, { id: 'n2' }, editor)).data?.['notesAuditLog']).toEqual([]);
  });

  it('purges the entity cache and bumps the type tags after the commit', async () => {
    await subgraph.query(SAVE, { id: 'n3', text: 'old' }, editor);
    expect((await subgraph.query(`{ note(id: "n3") { text } }`)).data).toEqual({
      note: { text: 'old' },
    });
    const [before] = await tagVersions(cache, ['Note']);
    await subgraph.query(SAVE, { id: 'n3', text: 'new' }, editor);
    expect((await subgraph.query(`{ note(id: "n3") { text } }`)).data).toEqual({
      note: { text: 'new' },
    });
    const [after] = await tagVersions(cache, ['Note']);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    const audit = await subgraph.query(AUDIT, { id: 'n3' }, editor);
    expect(audit.data?.['notesAuditLog'].map((e: { action: string }) => e.action)).toEqual([
      'UPDATE',
      'CREATE',
    ]);
  });

  it('turns a duplicate key into BAD_USER_INPUT naming the field', async () => {
    await subgraph.query(`mutation { createNote(id: "dup", text: "a") { id } }`, undefined, editor);
    const again = await subgraph.query(
      `mutation { createNote(id: "dup", text: "b") { id } }`,
      undefined,
      editor,
    );
    expect(clientErrors(again)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "BAD_USER_INPUT",
            "invalidFields": [
              {
                "field": "id",
                "message": "a record with this value already exists",
              },
            ],
          },
          "message": "Invalid input. id: a record with this value already exists",
          "path": [
            "createNote",
          ],
        },
      ]
    `);
  });
});

describe('authorization and the audit log', () => {
  it('refuses writes to anonymous viewers and to roles without the right', async () => {
    const anonymous = await subgraph.query(SAVE, { id: 'n4', text: 'x' });
    expect(clientErrors(anonymous)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "UNAUTHENTICATED",
          },
          "message": "Not authenticated: this field needs a signed-in viewer; send a bearer token.",
          "path": [
            "saveNote",
          ],
        },
      ]
    `);
    const analyst = await subgraph.query(SAVE, { id: 'n4', text: 'x' }, as.analyst);
    expect(clientErrors(analyst)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "analyst" may not do this; it needs one of: editor.",
          "path": [
            "saveNote",
          ],
        },
      ]
    `);
    const admin = await subgraph.query(SAVE, { id: 'n4', text: 'x' }, as.admin);
    expect(admin.data).toEqual({ saveNote: { id: 'n4', text: 'x' } });
  });

  it('shows the audit log to editors only', async () => {
    const analyst = await subgraph.query(AUDIT, {}, as.analyst);
    expect(clientErrors(analyst)).toMatchInlineSnapshot(`
      [
        {
          "extensions": {
            "code": "FORBIDDEN",
          },
          "message": "Forbidden: role "analyst" may not do this; it needs one of: editor.",
          "path": [
            "notesAuditLog",
          ],
        },
      ]
    `);
  });

  it('keeps the audit log append-only, even against direct SQL', async () => {
    const db = subgraph.database.db;
    await expect(
      sql`update test_notes.audit_log set action = 'FORGED'`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from test_notes.audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate test_notes.audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from test_notes.audit_log`.execute(db);
    expect(left.rows[0]?.n).toBeGreaterThan(0);
  });

  it('audits the request id the server made, keeping the caller’s apart', async () => {
    await subgraph.query(SAVE, { id: 'n5', text: 'x' }, { ...editor, 'x-request-id': 'forged' });
    const audit = await subgraph.query(
      `{ notesAuditLog(entityId: "n5") { requestId clientRequestId } }`,
      undefined,
      editor,
    );
    const [entry] = audit.data?.['notesAuditLog'] ?? [];
    expect(entry.clientRequestId).toBe('forged');
    expect(entry.requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });
});

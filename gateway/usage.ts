import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { usageReportingSignature } from '@apollo/utils.usagereporting';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Logger } from '../loaders/logger.js';
import type { UsageCount, UsageStore } from '../loaders/usage-store.js';
import type { GatewayContext } from './context.js';

/**
 * The schema coordinates a document uses: each type and field selected (`Country`,
 * `Country.partners`), each argument given (`Country.partners(category:)`), each input field
 * (`PeriodInput.from`) and enum value (`PartnerCategory.NGO`) written in the document.
 * Introspection fields are left out.
 */
export function coordinatesOf(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field && !field.name.startsWith('__')) {
          used.add(parent.name).add(`${parent.name}.${field.name}`);
        }
      },
      Argument() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const argument = typeInfo.getArgument();
        if (parent && field && argument) {
          used.add(`${parent.name}.${field.name}(${argument.name}:)`);
        }
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        const named = parent ? getNamedType(parent) : undefined;
        if (named && isInputObjectType(named)) {
          used.add(`${named.name}.${node.name.value}`);
        }
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        const named = type ? getNamedType(type) : undefined;
        if (named && isEnumType(named)) {
          used.add(`${named.name}.${node.value}`);
        }
      },
    }),
  );
  return used;
}

/** Adds the input fields and enum values inside one variable's value (bounded walk). */
function addInputValue(type: GraphQLInputType, value: unknown, used: Set<string>, depth = 0): void {
  if (value === null || value === undefined || depth > 8 || used.size > 2_000) {
    return;
  }
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    for (const item of Array.isArray(value) ? value.slice(0, 100) : [value]) {
      addInputValue(inner.ofType, item, used, depth + 1);
    }
  } else if (isEnumType(inner) && typeof value === 'string') {
    used.add(`${inner.name}.${value}`);
  } else if (isInputObjectType(inner) && typeof value === 'object') {
    const fields = inner.getFields();
    for (const [name, fieldValue] of Object.entries(value)) {
      const field = fields[name];
      if (field) {
        used.add(`${inner.name}.${name}`);
        addInputValue(field.type, fieldValue, used, depth + 1);
      }
    }
  }
}

/** The input fields and enum values a request's variables use. */
function variableCoordinates(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): Set<string> {
  const used = new Set<string>();
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (type && isInputType(type)) {
      addInputValue(type, variables?.[definition.variable.name.value], used);
    }
  }
  return used;
}

/** A client-supplied label, kept short and printable. */
function label(value: string | undefined | null, fallback: string): string {
  const text = (value ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 64);
  return text || fallback;
}

export interface UsageRecorderOptions {
  /** Counts are written at least this often (default 10 s). */
  readonly flushMs?: number;
  /** …and as soon as this many distinct counts wait (default 20,000: a few MB). */
  readonly maxPending?: number;
  /**
   * Client names and operations come from requests: past this many distinct ones in a day
   * (defaults 100 clients, 1,000 operations) the rest count as `other`, so hostile traffic cannot
   * grow the store without bound.
   */
  readonly maxClientsPerDay?: number;
  readonly maxOperationsPerDay?: number;
}

/** One request's field usage: its coordinates, and the client and operation they count under. */
export interface UsageRecord {
  readonly coordinates: readonly string[];
  readonly who: {
    readonly client: string;
    readonly clientVersion: string;
    readonly operation: string;
    readonly signature: string;
  };
}

/** Counts of one day, client, client version and operation, by coordinate. */
interface PendingGroup {
  readonly day: string;
  readonly client: string;
  readonly clientVersion: string;
  readonly operation: string;
  readonly counts: Map<string, number>;
}

/** The longest operation signature kept (its text is for people reading a check). */
const MAX_SIGNATURE_CHARS = 4_000;
const OTHER = 'other';

/**
 * Sums usage in memory and writes it to the store in batches: a request costs map increments,
 * never a store round trip. A failed write is logged and its counts dropped (usage is a
 * statistic, not a ledger).
 */
export class UsageRecorder {
  /**
   * Counts waiting to be written, per day, client, version and operation (one group per query
   * shape and client, so a request costs one lookup and a counter per coordinate).
   */
  #pending = new Map<string, PendingGroup>();
  /** Distinct counts in `#pending` (coordinates summed over the groups). */
  #pendingCounts = 0;
  #signatures = new Map<string, string>();
  /**
   * The distinct clients and operations seen today, for the per-day caps, and the operations
   * whose signature text was written today (written once a day, not with every batch).
   */
  #today = {
    day: '',
    clients: new Set<string>(),
    operations: new Set<string>(),
    signed: new Set<string>(),
  };
  readonly #timer: NodeJS.Timeout;

  constructor(
    readonly store: UsageStore,
    private readonly logger: Logger,
    private readonly options: UsageRecorderOptions = {},
  ) {
    this.#timer = setInterval(() => void this.flush(), options.flushMs ?? 10_000);
    this.#timer.unref();
  }

  record(
    coordinates: Iterable<string>,
    who: { client: string; clientVersion: string; operation: string; signature: string },
    now: Date = new Date(),
  ): void {
    const day = now.toISOString().slice(0, 10);
    who = this.#capped(day, who);
    const groupKey = `${day}\u0001${who.client}\u0001${who.clientVersion}\u0001${who.operation}`;
    let group = this.#pending.get(groupKey);
    if (!group) {
      group = {
        day,
        client: who.client,
        clientVersion: who.clientVersion,
        operation: who.operation,
        counts: new Map(),
      };
      this.#pending.set(groupKey, group);
    }
    for (const coordinate of coordinates) {
      const before = group.counts.get(coordinate);
      if (before === undefined) {
        this.#pendingCounts += 1;
      }
      group.counts.set(coordinate, (before ?? 0) + 1);
    }
    if (who.operation !== OTHER && !this.#today.signed.has(who.operation)) {
      this.#signatures.set(who.operation, who.signature.slice(0, MAX_SIGNATURE_CHARS));
    }
    if (this.#pendingCounts >= (this.options.maxPending ?? 20_000)) {
      void this.flush();
    }
  }

  /** `who`, with a client or operation past today's caps counted as `other`. */
  #capped<W extends { client: string; clientVersion: string; operation: string }>(
    day: string,
    who: W,
  ): W {
    if (this.#today.day !== day) {
      this.#today = { day, clients: new Set(), operations: new Set(), signed: new Set() };
    }
    const { clients, operations } = this.#today;
    const client = `${who.client}\u0001${who.clientVersion}`;
    let capped = who;
    if (!clients.has(client)) {
      if (clients.size >= (this.options.maxClientsPerDay ?? 100)) {
        capped = { ...capped, client: OTHER, clientVersion: '' };
      } else {
        clients.add(client);
      }
    }
    if (!operations.has(who.operation)) {
      if (operations.size >= (this.options.maxOperationsPerDay ?? 1_000)) {
        capped = { ...capped, operation: OTHER };
      } else {
        operations.add(who.operation);
      }
    }
    return capped;
  }

  /** Writes what is pending, one batch per day. */
  async flush(): Promise<void> {
    const groups = [...this.#pending.values()];
    const pendingCounts = this.#pendingCounts;
    const signatures = this.#signatures;
    this.#pending = new Map();
    this.#pendingCounts = 0;
    this.#signatures = new Map();
    const days = new Map<string, UsageCount[]>();
    for (const { day, counts, ...who } of groups) {
      const list = days.get(day) ?? [];
      days.set(day, list);
      for (const [coordinate, count] of counts) {
        list.push({ coordinate, ...who, count });
      }
    }
    try {
      for (const [day, counts] of days) {
        await this.store.add(day, counts, signatures);
      }
      for (const operation of signatures.keys()) {
        this.#today.signed.add(operation);
      }
    } catch (error) {
      this.logger.warn({ err: String(error), counts: pendingCounts }, 'field usage not written');
    }
  }

  /** Stops the timer and writes what is pending. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}

/**
 * Records each operation's coordinates under its client (`apollographql-client-name` and
 * `-version` headers) and its operation id: the name and a hash of Apollo's usage-reporting
 * signature (literals hidden, aliases dropped), so one query shape is one operation. The static
 * part is computed once per document; variables add their enum values and input fields.
 */
export function usagePlugin(recorder: UsageRecorder): ApolloServerPlugin<GatewayContext> {
  const documents = new Map<string, { coordinates: Set<string>; id: string; signature: string }>();
  return {
    async serverWillStart() {
      return { serverWillStop: () => recorder.stop() };
    },
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) {
            return;
          }
          const key = `${rc.queryHash}\u0001${rc.operationName ?? ''}`;
          let known = documents.get(key);
          if (!known) {
            const signature = usageReportingSignature(rc.document, rc.operationName ?? '');
            const hash = createHash('sha256').update(signature).digest('hex').slice(0, 12);
            const coordinates = coordinatesOf(rc.schema, rc.document);
            known = { coordinates, id: `${rc.operationName ?? 'anonymous'}#${hash}`, signature };
            if (documents.size >= 2_000) {
              documents.clear();
            }
            documents.set(key, known);
          }
          const headers = rc.request.http?.headers;
          const usage: UsageRecord = {
            coordinates: [
              ...known.coordinates,
              ...variableCoordinates(rc.schema, rc.operation, rc.request.variables),
            ],
            who: {
              client: label(headers?.get('apollographql-client-name'), 'unknown'),
              clientVersion: label(headers?.get('apollographql-client-version'), ''),
              operation: known.id,
              signature: known.signature,
            },
          };
          // Kept on the context: a response-cache hit of the same request replays it.
          rc.contextValue.usage = usage;
          recorder.record(usage.coordinates, usage.who);
        },
      };
    },
  };
}

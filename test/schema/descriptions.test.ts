import { readFileSync } from 'node:fs';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../loaders/project-path.js';
import { apiSchemaOf } from '../../schema/composition/compose.js';

/** Every argument and enum value of the API, and those of them without a description. */
function undescribed(schema: GraphQLSchema) {
  const args: string[] = [];
  const values: string[] = [];
  let argCount = 0;
  let valueCount = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) {
      continue;
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          argCount += 1;
          if (!arg.description?.trim()) {
            args.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        valueCount += 1;
        if (!value.description?.trim()) {
          values.push(`${type.name}.${value.name}`);
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        argCount += 1;
        if (!field.description?.trim()) {
          args.push(`${type.name}.${field.name}`);
        }
      }
    }
  }
  return { argCount, valueCount, args, values };
}

describe('the composed API schema documents itself', () => {
  const api = apiSchemaOf(readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8'));
  const found = undescribed(api);

  it('has 0 arguments or input fields without a description', () => {
    expect(found.argCount).toBeGreaterThan(100);
    expect(found.args).toEqual([]);
  });

  it('has 0 enum values without a description', () => {
    expect(found.valueCount).toBeGreaterThan(100);
    expect(found.values).toEqual([]);
  });
});

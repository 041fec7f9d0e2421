import type { AuthChecker } from 'type-graphql';
import type { Role, Viewer } from '../loaders/identity.js';
import { forbidden, unauthenticated } from './errors.js';

/**
 * type-graphql's `@Authorized(...roles)`: `admin` passes every check; an empty role list means
 * "any signed-in viewer". Throws our own codes, so clients see one vocabulary.
 */
export const authChecker: AuthChecker<{ viewer: Viewer }, Role> = ({ context }, roles) => {
  const { role } = context.viewer;
  if (role === 'public') {
    throw unauthenticated('this field needs a signed-in viewer; send a bearer token.');
  }
  if (roles.length === 0 || role === 'admin' || roles.includes(role)) {
    return true;
  }
  throw forbidden(`role "${role}" may not do this; it needs one of: ${roles.join(', ')}.`);
};

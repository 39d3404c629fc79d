import { NotFoundError } from '../errors/vault-error.js';
import { parseInput } from '../validation/parse-input.js';
import {
  type CreateOrganizationInput,
  createOrganizationSchema,
  idSchema,
  type ListOrganizationsInput,
  listOrganizationsSchema,
} from '../validation/schemas.js';
import type { EngineContext } from './engine-context.js';
import { encodeCursor, resolveKeyedPage, toPage } from './pagination.js';
import type { Organization, Page } from './types.js';

/**
 * The organizations (tenants) of a vault.
 *
 * @example
 * ```ts
 * const org = await vault.organizations.create({ name: 'Acme' });
 * const acme = vault.organization(org.id);
 * ```
 */
export class OrganizationsResource {
  /** @internal */
  constructor(private readonly context: EngineContext) {}

  /** Creates an organization. @throws `VALIDATION_ERROR`. */
  async create(input: CreateOrganizationInput): Promise<Organization> {
    const parsed = parseInput(createOrganizationSchema, input);
    const organization: Organization = {
      id: this.context.nextId(),
      name: parsed.name,
      metadata: parsed.metadata ?? {},
      createdAt: this.context.now(),
    };
    await this.context.store.insertOrganization(organization);
    return organization;
  }

  /** Retrieves an organization. @throws `NOT_FOUND`. */
  async retrieve(organizationId: string): Promise<Organization> {
    const id = parseInput(idSchema, organizationId, 'organizationId');
    const organization = await this.context.store.getOrganization(id);
    if (organization === null) {
      throw new NotFoundError('organization', id);
    }
    return organization;
  }

  /** Lists organizations, newest first. */
  async list(input: ListOrganizationsInput = {}): Promise<Page<Organization>> {
    const request = resolveKeyedPage('organizations', parseInput(listOrganizationsSchema, input));
    const result = await this.context.store.listOrganizations({ filter: {}, ...request });
    return toPage(
      request,
      result,
      (record) => record,
      (last) => encodeCursor('organizations', last),
    );
  }
}

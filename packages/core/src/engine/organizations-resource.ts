import { NotFoundError } from '../errors/vault-error.js';
import type { OrganizationRecord } from '../store/records.js';
import { parseInput } from '../validation/parse-input.js';
import {
  type CreateOrganizationInput,
  createOrganizationSchema,
  emptyMetadata,
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
    const record: OrganizationRecord = {
      id: this.context.nextId(),
      name: parsed.name,
      metadata: parsed.metadata ?? emptyMetadata,
      createdAt: this.context.now(),
    };
    try {
      await this.context.store.insertOrganization(record);
    } catch (error) {
      throw this.context.translate(error, null);
    }
    return this.context.toOrganization(record);
  }

  /** Retrieves an organization. @throws `NOT_FOUND`. */
  async retrieve(organizationId: string): Promise<Organization> {
    const id = parseInput(idSchema, organizationId, 'organizationId');
    const organization = await this.context.store.getOrganization(id);
    if (organization === null) {
      throw new NotFoundError('organization', id);
    }
    return this.context.toOrganization(organization);
  }

  /** Lists organizations, newest first. */
  async list(input: ListOrganizationsInput = {}): Promise<Page<Organization>> {
    const request = resolveKeyedPage('organizations', parseInput(listOrganizationsSchema, input));
    const result = await this.context.store.listOrganizations({ filter: {}, ...request });
    return toPage(
      request,
      result,
      (record) => this.context.toOrganization(record),
      (last) => encodeCursor('organizations', last),
    );
  }
}

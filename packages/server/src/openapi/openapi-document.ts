/**
 * The parts of an OpenAPI 3.1 document that the server generates, typed just enough to build
 * and read them. Schemas are JSON Schema 2020-12 objects as zod writes them.
 */

/** A JSON Schema (2020-12) object. */
export type JsonSchema = { [keyword: string]: unknown };

/** A parameter of an operation (path, query or header). */
export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
}

/** A reference to a component (`#/components/...`). */
export interface OpenApiReference {
  readonly $ref: string;
}

/** A response header. */
export interface OpenApiHeader {
  readonly description: string;
  readonly schema: JsonSchema;
}

/** A JSON body of a request or response. */
export interface OpenApiJsonContent {
  readonly 'application/json': { readonly schema: JsonSchema };
}

/** One response of an operation. `x-error-codes` lists the error codes it may carry. */
export interface OpenApiResponse {
  readonly description: string;
  readonly headers?: Readonly<Record<string, OpenApiReference | OpenApiHeader>>;
  readonly content?: OpenApiJsonContent;
  readonly 'x-error-codes'?: readonly string[];
}

/** One operation (a method on a path). */
export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly parameters?: readonly (OpenApiParameter | OpenApiReference)[];
  readonly requestBody?: { readonly required: boolean; readonly content: OpenApiJsonContent };
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
  /** `[]` for a public operation, `[{ bearer: [] }]` otherwise. */
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
}

/** The operations of one path, by lower-case method. */
export type OpenApiPathItem = Partial<Record<'get' | 'post' | 'delete', OpenApiOperation>>;

/** An OpenAPI 3.1.0 document. */
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly servers?: readonly { readonly url: string }[];
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  readonly paths: Readonly<Record<string, OpenApiPathItem>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly parameters: Readonly<Record<string, OpenApiParameter>>;
    readonly headers: Readonly<Record<string, OpenApiHeader>>;
    readonly securitySchemes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
}

/** The OpenAPI 3 description served at `/v1/api`: the routes this daemon serves. */

const blobId = { name: 'blob_id', in: 'path', required: true, schema: { type: 'string' } };
const writeQuery = ['epochs', 'permanent', 'deletable', 'force', 'send_object_to'].map((name) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: name === 'epochs' ? 'integer' : name === 'send_object_to' ? 'string' : 'boolean' },
}));

const READ_PATHS = {
  '/v1/blobs/{blob_id}': {
    get: { summary: 'Read a blob (Range: bytes=a-b gives 206)', parameters: [blobId] },
  },
  '/v1/blobs/{blob_id}/byte-range': {
    get: {
      summary: 'Read length bytes from start',
      parameters: [
        blobId,
        ...['start', 'length'].map((name) => ({
          name,
          in: 'query',
          required: true,
          schema: { type: 'integer' },
        })),
      ],
    },
  },
  '/v1/blobs/by-object-id/{object_id}': {
    get: { summary: "Read a blob by its Sui object id, with headers from the blob's attributes" },
  },
  '/v1/blobs/by-quilt-patch-id/{quilt_patch_id}': { get: { summary: 'Read one quilt patch' } },
  '/v1/blobs/by-quilt-id/{quilt_id}/{identifier}': { get: { summary: 'Read a quilt patch by identifier' } },
  '/v1/quilts/{quilt_id}/patches': { get: { summary: "List a quilt's patches" } },
};

const WRITE_PATHS = {
  '/v1/blobs': { put: { summary: 'Store the body as a blob', parameters: writeQuery } },
  '/v1/quilts': {
    put: {
      summary: 'Store multipart files as a quilt (_metadata: [{identifier, tags}])',
      parameters: writeQuery,
    },
  },
};

export function openApiDocument(served: { aggregator: boolean; publisher: boolean }) {
  return {
    openapi: '3.0.3',
    info: { title: 'walrus-devkit daemon', version: '1' },
    paths: {
      '/status': { get: { summary: 'Daemon status' } },
      ...(served.aggregator ? READ_PATHS : {}),
      ...(served.publisher ? WRITE_PATHS : {}),
    },
  };
}

import type { Server, ServerResponse } from 'node:http';

/** What {@link drainKeepAlive} returns. */
export interface KeepAliveDrain {
  /** From now on, no connection is kept alive past the response it carries. */
  drain(): void;
}

/**
 * Lets a stopping server close keep-alive connections as soon as their last response is
 * sent. Node's `server.close()` closes only the connections idle at that moment: one whose
 * request is still in flight stays open after its response until the client drops it, or
 * until the keep-alive timeout (72 s in Fastify), and the process waits that long to exit.
 * After `drain()`, a response not yet started says `Connection: close`, and every connection
 * is closed as soon as it is idle. Call before the server starts listening.
 *
 * @example
 * ```ts
 * const keepAlive = drainKeepAlive(app.server);
 * process.once('SIGTERM', () => {
 *   keepAlive.drain();
 *   void app.close();
 * });
 * ```
 */
export function drainKeepAlive(server: Server): KeepAliveDrain {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_request, response: ServerResponse) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    response.once('finish', () => {
      // Node marks the connection idle after its own 'finish' listener; look on the next turn.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    drain() {
      draining = true;
      for (const response of inFlight) {
        if (!response.headersSent) response.setHeader('connection', 'close');
      }
      server.closeIdleConnections();
    },
  };
}

// A TCP proxy in front of PostgreSQL that can partition the network: while partitioned, every
// connection (open or new) stays open but nothing crosses it in either direction, as when a
// link or a host goes silent; healed, the held bytes flow again, as TCP retransmission would
// deliver them.
import { connect, createServer, type Socket } from 'node:net';

/** A running proxy. */
export interface PausableProxy {
  /** The PostgreSQL URL through the proxy (same user and database as the target's). */
  readonly url: string;
  /** Stops all traffic without closing anything. */
  partition(): Promise<void>;
  /** Lets the traffic flow again. */
  heal(): Promise<void>;
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of the server of `targetUrl`. */
export async function startPausableProxy(targetUrl: string): Promise<PausableProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  // Bytes that arrived during a partition, per destination, in order.
  const held: { to: Socket; chunk: Buffer }[] = [];
  let partitioned = false;
  const forward = (from: Socket, to: Socket) => {
    sockets.add(from);
    from.on('data', (chunk: Buffer) => {
      if (partitioned) held.push({ to, chunk });
      else to.write(chunk);
    });
    from.on('error', () => from.destroy());
    from.on('close', () => {
      sockets.delete(from);
      to.destroy();
    });
  };
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  const through = new URL(targetUrl);
  through.hostname = '127.0.0.1';
  through.port = String(address.port);
  return {
    url: through.toString(),
    async partition() {
      partitioned = true;
    },
    async heal() {
      partitioned = false;
      for (const { to, chunk } of held.splice(0)) {
        if (!to.destroyed) to.write(chunk);
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

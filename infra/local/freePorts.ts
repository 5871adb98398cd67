import { createServer } from 'node:net';

/**
 * Whether something already listens on the port. Checked by listening on every interface, as
 * DynamoDB Local does: that conflicts with a listener on loopback or on any address.
 */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(true) : reject(error)));
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/**
 * Refuses to go on when any of the named ports is taken, naming the variable that sets it: a
 * stand-in that answers there may be an earlier run's, and reusing it would mix two stacks.
 */
export async function requireFreePorts(ports: Record<string, number>): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (port !== 0 && (await portInUse(port))) {
      taken.push(`${name} ${port} is in use: is an earlier npm start still running? Stop it or set ${name}`);
    }
  }
  if (taken.length > 0) throw new Error(taken.join('\n'));
}

import type { AlertClaims } from '../../ports';
import { keys } from '../keys';
import type { MemoryTables } from './tables';
import { isBefore } from './transaction';

/** The breach alerts' claims in memory: leases with DynamoMailQueue's conditions. */
export function memoryAlertClaims(tables: MemoryTables): AlertClaims {
  const leaseEnd = (now: Date, leaseMs: number) => new Date(now.getTime() + leaseMs).toISOString();
  return {
    async claimBreachAlert(cloudTrailEventId, now, leaseMs) {
      const key = keys.breachAlertClaim(cloudTrailEventId);
      const held = tables.alertClaims.get(key);
      if (held !== undefined && !isBefore(held, now.toISOString())) return false;
      tables.alertClaims.put(key, leaseEnd(now, leaseMs));
      return true;
    },

    async releaseBreachAlert(cloudTrailEventId, now, leaseMs) {
      const key = keys.breachAlertClaim(cloudTrailEventId);
      // Someone took the claim over meanwhile: it is theirs to give up.
      if (tables.alertClaims.get(key) === leaseEnd(now, leaseMs)) tables.alertClaims.put(key, new Date(0).toISOString());
    },
  };
}

import type { Db } from '../db/database.ts';
import { OPEN_STATES } from '../cases/case-state-machine.ts';
import { recordAudit } from '../lib/audit.ts';
import type { Actor } from '../lib/http.ts';
import { recomputeCaseClock } from './sla.clock.ts';
import type { SlaBody, SlaView } from './sla.schemas.ts';
import { calendarFromInput, calendarToInput, readSlaSettings, writeSlaSettings, type SlaSettings } from './sla.settings.ts';

type Context = { ip: string; now: number };

function present(settings: SlaSettings, recomputed: number): SlaView {
  return {
    targets: settings.targets.map((t, index) => ({ priority: index + 1, firstResponseMinutes: t.firstResponseMinutes, resolutionMinutes: t.resolutionMinutes })),
    calendar: calendarToInput(settings.calendar),
    recomputed,
  };
}

/** The service targets and business calendar in force. */
export async function viewSla(db: Db): Promise<SlaView> {
  return present(await readSlaSettings(db), 0);
}

/**
 * Saves the targets and the calendar. Every open case's due times are computed again from its
 * history in the same transaction, so the Queue's order and the warnings follow at once; each case
 * whose due times moved says so in its activity. Saving what is in force changes nothing.
 */
export async function saveSla(db: Db, actor: Actor, input: SlaBody, context: Context): Promise<SlaView> {
  const next: SlaSettings = {
    targets: [...input.targets].sort((a, b) => a.priority - b.priority).map(({ firstResponseMinutes, resolutionMinutes }) => ({ firstResponseMinutes, resolutionMinutes })),
    calendar: calendarFromInput(input.calendar),
  };
  const recomputed = await db.transaction().execute(async (trx) => {
    const current = await readSlaSettings(trx);
    const fields = [
      ...(JSON.stringify(current.targets) !== JSON.stringify(next.targets) ? ['targets'] : []),
      ...(JSON.stringify(current.calendar) !== JSON.stringify(next.calendar) ? ['calendar'] : []),
    ];
    if (fields.length === 0) return 0;
    await writeSlaSettings(trx, next);
    await recordAudit(trx, { type: 'settings.sla_changed', at: context.now, actorId: actor.person.id, ip: context.ip, detail: { fields, targets: present(next, 0).targets } });
    const open = await trx.selectFrom('cases').select('id').where('state', 'in', [...OPEN_STATES]).orderBy('id').execute();
    let changed = 0;
    for (const { id } of open) if (await recomputeCaseClock(trx, id, context.now, { reason: 'targets', settings: next })) changed++;
    return changed;
  });
  return present(next, recomputed);
}

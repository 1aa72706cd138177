// The other services' domain tests name their own organisations (org-huadu-legal-aid, village-dongsha…);
// the audit's tests replay those histories in the demo city, so the ids are renamed on the way in.
import type { EventToAppend, Json } from '@bureau/event-store';

/** The domain tests' organisations, as the demo city names them. */
const demoIds: Record<string, string> = {
  'org-huadu-legal-aid': 'huadu-legal-aid', 'org-baiyun-legal-aid': 'baiyun-legal-aid', 'org-huadu-xinhua-station': 'huadu-station-xinhua',
  'village-dongsha': 'huadu-xinhua-sanhua', 'jo-shilou': 'huadu-xinhua-so',
};

export const inDemoCity = (e: EventToAppend): EventToAppend => {
  let text = JSON.stringify(e.data);
  for (const [from, to] of Object.entries(demoIds)) text = text.split(`"${from}"`).join(`"${to}"`);
  return { ...e, data: JSON.parse(text) as Json };
};

/**
 * What a profile holds: columns, colouring rules, filter buttons and the
 * time format (a store may also register a part of its own). Imported once by
 * the app (and by tests) so the parts exist before a profile is switched.
 */
import { defaultColourRules, plainRules, setColourRules, toColourRules, useColourRulesStore } from "./colour-rules-store";
import { setColumns, useColumnPrefs } from "./column-prefs";
import { setFilterButtons, useFilterButtons } from "./filter-buttons";
import { registerProfilePart } from "./profiles";
import { useViewStore, type TimeFormat } from "./view-store";

const DEFAULT_TIME_FORMAT: TimeFormat = "relative";
/** Every TimeFormat (a format added to the type must be added here), to check a profile's value. */
const TIME_FORMATS: Record<TimeFormat, true> = { absolute: true, utc: true, epoch: true, relative: true, delta: true };
const isTimeFormat = (v: unknown): v is TimeFormat => typeof v === "string" && Object.hasOwn(TIME_FORMATS, v);

registerProfilePart("columns", {
  get: () => useColumnPrefs.getState().columns,
  set: setColumns,
});

registerProfilePart("colouringRules", {
  get: () => plainRules(useColourRulesStore.getState().rules),
  set: (v) => void setColourRules(v === undefined ? defaultColourRules() : toColourRules(v)),
});

registerProfilePart("filterButtons", {
  get: () => useFilterButtons.getState().buttons,
  set: setFilterButtons,
});

registerProfilePart("timeFormat", {
  get: () => useViewStore.getState().timeFormat,
  set: (v) => useViewStore.getState().setTimeFormat(isTimeFormat(v) ? v : DEFAULT_TIME_FORMAT),
});

import { beforeEach, describe, expect, it } from "vitest";
import { installMemoryStorage } from "./test-storage";
import {
  copyProfile,
  deleteProfile,
  exportProfile,
  importProfile,
  loadProfiles,
  newProfile,
  registerProfilePart,
  renameProfile,
  switchProfile,
  useProfilesStore,
} from "./profiles";
import "./profile-parts";
import { defaultColourRules, setColourRules, useColourRulesStore } from "./colour-rules-store";
import { addFilterButton, useFilterButtons } from "./filter-buttons";
import { useViewStore } from "./view-store";
import { DEFAULT_COLUMNS, removeColumn, setColumns, useColumnPrefs } from "./column-prefs";

/** A part standing for a store that registers itself (as column preferences do). */
let widths: unknown = "default widths";
registerProfilePart("test.widths", { get: () => widths, set: (v) => (widths = v ?? "default widths") });

const ruleNames = (): string[] => useColourRulesStore.getState().rules.map((r) => r.name);
const buttonLabels = (): string[] => useFilterButtons.getState().buttons.map((b) => b.label);

describe("profiles", () => {
  beforeEach(async () => {
    installMemoryStorage();
    loadProfiles();
    widths = "default widths";
    await setColourRules(defaultColourRules());
    useFilterButtons.setState({ buttons: [] });
    useViewStore.getState().setTimeFormat("relative");
    setColumns(undefined);
  });

  it("switches every registered part as a whole", async () => {
    await setColourRules(defaultColourRules().slice(0, 3));
    addFilterButton("Mine", "tcp");
    useViewStore.getState().setTimeFormat("utc");
    widths = "wide";
    removeColumn(DEFAULT_COLUMNS[1]!.id);

    newProfile("Incident");
    expect(useProfilesStore.getState()).toEqual({ current: "Incident", names: ["Default", "Incident"] });
    // A new profile starts from every part's defaults.
    expect(ruleNames()).toHaveLength(20);
    expect(buttonLabels()).toEqual(["FTP", "SYN", "Logins", "TCP problems"]);
    expect(useViewStore.getState().timeFormat).toBe("relative");
    expect(widths).toBe("default widths");
    expect(useColumnPrefs.getState().columns).toHaveLength(DEFAULT_COLUMNS.length);
    await setColourRules(defaultColourRules().slice(5, 6));

    switchProfile("Default");
    expect(ruleNames()).toEqual(["Bad TCP", "HSRP State Change", "Spanning Tree Topology  Change"]);
    expect(buttonLabels()).toEqual(["Mine"]);
    expect(useViewStore.getState().timeFormat).toBe("utc");
    expect(widths).toBe("wide");
    expect(useColumnPrefs.getState().columns.map((c) => c.id)).not.toContain(DEFAULT_COLUMNS[1]!.id);

    switchProfile("Incident");
    expect(ruleNames()).toEqual(["ARP"]);
  });

  it("survives a reload from localStorage", async () => {
    newProfile("Saved");
    await setColourRules(defaultColourRules().slice(0, 1));
    switchProfile("Default");
    loadProfiles();
    expect(useProfilesStore.getState()).toEqual({ current: "Default", names: ["Default", "Saved"] });
    switchProfile("Saved");
    expect(ruleNames()).toEqual(["Bad TCP"]);
  });

  it("copies, renames and deletes; Default stays", async () => {
    await setColourRules(defaultColourRules().slice(1, 2));
    copyProfile("Default", "Copy");
    expect(ruleNames()).toEqual(["HSRP State Change"]);
    renameProfile("Copy", "Renamed");
    expect(useProfilesStore.getState()).toEqual({ current: "Renamed", names: ["Default", "Renamed"] });
    expect(() => renameProfile("Default", "X")).toThrow();
    expect(() => newProfile("Renamed")).toThrow(/exists/);
    expect(() => newProfile("  ")).toThrow(/name/);
    await setColourRules(defaultColourRules().slice(7, 8));
    deleteProfile("Renamed");
    expect(useProfilesStore.getState()).toEqual({ current: "Default", names: ["Default"] });
    expect(ruleNames()).toEqual(["HSRP State Change"]);
    deleteProfile("Default");
    expect(useProfilesStore.getState().names).toEqual(["Default"]);
  });

  it("exports a profile as JSON and imports it under a free name", async () => {
    await setColourRules(defaultColourRules().slice(2, 4));
    useViewStore.getState().setTimeFormat("epoch");
    const text = exportProfile("Default");
    expect(JSON.parse(text)).toMatchObject({ format: "pcapscope-profile", name: "Default", parts: { timeFormat: "epoch" } });
    switchProfile("Default");
    newProfile("Other");
    expect(importProfile(text)).toBe("Default (2)");
    expect(ruleNames()).toEqual(["Spanning Tree Topology  Change", "OSPF State Change"]);
    expect(useViewStore.getState().timeFormat).toBe("epoch");
    expect(() => importProfile("{}")).toThrow(/Not a pcapscope profile/);
    expect(() => importProfile("nope")).toThrow(/not JSON/);
    const bad = JSON.stringify({ format: "pcapscope-profile", name: "Bad", parts: { timeFormat: "<b>", colouringRules: [{ name: 1 }] } });
    importProfile(bad);
    expect(useViewStore.getState().timeFormat).toBe("relative");
    expect(ruleNames()).toEqual([]);
  });
});

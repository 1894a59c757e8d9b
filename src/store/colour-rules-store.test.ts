import { beforeEach, describe, expect, it } from "vitest";
import { installMemoryStorage } from "./test-storage";
import {
  appliedColour,
  colourConversation,
  CONVERSATION_COLOURS,
  defaultColourRules,
  exportColorfilters,
  importColorfilters,
  resetConversationColours,
  setColourRules,
  useColourRulesStore,
} from "./colour-rules-store";
import { useCaptureStore } from "./capture-store";
import { ColouringApi, type ColourRuleInput, type ColourRulesResult } from "../worker/colouring-api";
import type { AnalyzerClient } from "../worker/client";
import type { RowCache } from "./row-cache";

/** A client whose setColourRules compiles as the worker does (no capture open), recording each list it gets. */
function fakeClient(): { client: AnalyzerClient; lists: ColourRuleInput[][]; invalidated: () => number } {
  const lists: ColourRuleInput[][] = [];
  const api = new ColouringApi(() => null);
  const client = {
    setColourRules: (list: ColourRuleInput[]): Promise<ColourRulesResult> => {
      lists.push(list);
      return api.set(list);
    },
  } as unknown as AnalyzerClient;
  let invalidations = 0;
  const rows = { invalidate: () => void invalidations++ } as unknown as RowCache;
  useCaptureStore.setState({ client, rows });
  return { client, lists, invalidated: () => invalidations };
}

const FILE =
  '# mine\n@Logins@ftp.request.command == "USER"@[65535,0,0][0,0,0]\n!@Off@udp@[0,0,0][0,0,0]\n@Broken@tcp.port ==@[0,0,0][0,0,0]\n';

describe("colouring rules store", () => {
  beforeEach(() => {
    installMemoryStorage();
    useCaptureStore.setState({ client: null, rows: null });
    useColourRulesStore.setState({ rules: defaultColourRules(), conversations: new Array(10).fill(null), errors: {} });
  });

  it("sends the ten conversation slots, then the rules, and paints rows from what the worker applied", async () => {
    const { lists, invalidated } = fakeClient();
    expect(await importColorfilters(FILE + "garbage\n")).toEqual(["line 5: not a colouring rule: garbage"]);
    const sent = lists.at(-1)!;
    expect(sent).toHaveLength(13);
    expect(sent.slice(0, 10).every((s) => !s.enabled && s.filter === "")).toBe(true);
    expect(sent.slice(10).map((s) => [s.name, s.enabled])).toEqual([
      ["Logins", true],
      ["Off", false],
      ["Broken", true],
    ]);
    const { rules, errors } = useColourRulesStore.getState();
    expect(Object.keys(errors)).toEqual([rules[2]!.id]);
    expect(errors[rules[2]!.id]).toMatch(/end of filter/i);
    expect(appliedColour(11)).toMatchObject({ name: "Logins", light: { bg: "#ff0000", fg: "#000000" } });
    expect(appliedColour(0)).toBeNull();
    expect(invalidated()).toBe(1);
    expect(exportColorfilters()).toBe("# This file was created by pcapscope. Edit with care.\n" + FILE.slice("# mine\n".length));
  });

  it("keeps the rules in localStorage", async () => {
    const storage = installMemoryStorage();
    await setColourRules(defaultColourRules().slice(0, 2));
    expect(JSON.parse(storage.get("pcapscope.colourRules")!).map((r: { name: string }) => r.name)).toEqual([
      "Bad TCP",
      "HSRP State Change",
    ]);
  });

  it("colours a conversation ahead of the rules, and resets", async () => {
    const { lists } = fakeClient();
    await colourConversation(2, "ip.addr==10.0.0.1 && ip.addr==10.0.0.2");
    expect(lists.at(-1)![2]).toEqual({ name: "Conversation colour 3", filter: "ip.addr==10.0.0.1 && ip.addr==10.0.0.2", enabled: true });
    expect(appliedColour(3)?.light).toEqual({ bg: CONVERSATION_COLOURS[2], fg: "#000000" });
    await resetConversationColours();
    expect(
      lists
        .at(-1)!
        .slice(0, 10)
        .some((s) => s.enabled),
    ).toBe(false);
  });

  it("paints from the list last applied, not from edits the worker has not answered", async () => {
    const { client } = fakeClient();
    let release: () => void = () => undefined;
    const slow = client.setColourRules.bind(client);
    (client as unknown as { setColourRules: unknown }).setColourRules = (l: ColourRuleInput[]) =>
      new Promise((resolve) => (release = () => resolve(slow(l))));
    const pending = importColorfilters("@Only@tcp@[0,0,65535][0,0,0]\n");
    expect(appliedColour(11)?.name).toBe("Bad TCP");
    release();
    await pending;
    expect(appliedColour(11)?.name).toBe("Only");
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { installMemoryStorage } from "./test-storage";
import {
  addFilterButton,
  DEFAULT_FILTER_BUTTONS,
  editFilterButton,
  loadFilterButtons,
  moveFilterButton,
  removeFilterButton,
  useFilterButtons,
} from "./filter-buttons";

const labels = (): string[] => useFilterButtons.getState().buttons.map((b) => b.label);

describe("filter buttons", () => {
  beforeEach(() => {
    installMemoryStorage();
    useFilterButtons.setState({ buttons: loadFilterButtons() });
  });

  it("starts with the defaults, then keeps what the user made of them", () => {
    expect(useFilterButtons.getState().buttons.map((b) => b.filter)).toEqual(DEFAULT_FILTER_BUTTONS.map((b) => b.filter));
    const arp = addFilterButton("ARP", " arp ");
    expect(arp.filter).toBe("arp");
    editFilterButton(arp.id, "", "arp || rarp");
    // An empty label falls back to the filter.
    expect(labels().at(-1)).toBe("arp || rarp");
    moveFilterButton(arp.id, 0);
    expect(labels()[0]).toBe("arp || rarp");
    moveFilterButton(arp.id, 99);
    expect(labels().at(-1)).toBe("arp || rarp");
    removeFilterButton(arp.id);
    expect(labels()).toEqual(["FTP", "SYN", "Logins", "TCP problems"]);
    // Saved: a reload reads the same list back, and an emptied list stays empty.
    expect(loadFilterButtons().map((b) => b.label)).toEqual(labels());
    for (const b of useFilterButtons.getState().buttons) removeFilterButton(b.id);
    expect(loadFilterButtons()).toEqual([]);
  });
});
